import type { BoardModel } from '@werkraum/model';
import { toPlainBoard } from '@werkraum/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../support/clients.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type Role } from '../support/server.js';
import { eventually } from '../support/wait.js';

type Outcome = 'allowed' | 'refused';
interface Row {
  role: Role | 'none';
  channel: 'http' | 'y-websocket' | 'socket.io';
  action: string;
  expected: Outcome;
  actual: Outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('roles × channels × actions', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('refuses every forbidden action, allows the permitted ones and changes nothing on refusal', async () => {
    let server = await startServer();
    const dataDir = server.dataDir;
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const id = board.id;

    const facilitator = connectClient(server.wsUrl, id, {
      token: t.facilitator,
      author: 'Moderation',
    });
    const watcher = connectClient(server.wsUrl, id, { token: t.viewer, author: 'Beamer' });
    cleanup.push(
      () => facilitator.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([facilitator.whenSynced(), watcher.whenSynced()]);
    facilitator.provider.awareness.setLocalStateField('user', { name: 'Moderation' });
    const field = facilitator.model.create('field', { content: { title: 'Wohnen' } });
    const goal = facilitator.model.create('goal', {
      parentId: field,
      content: { title: 'Wohnungen' },
    });
    await eventually(() => expect(watcher.model.has(goal)).toBe(true));
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(facilitator.doc.clientID)).toEqual({
        user: { name: 'Moderation' },
      }),
    );

    const rows: Row[] = [];
    const record = (row: Omit<Row, 'actual'>, actual: Outcome) => rows.push({ ...row, actual });

    /** One client of `role` makes `edit`; refused = closed with 4403 and nothing reached others. */
    const viaDoc = async (
      role: Role,
      action: string,
      expected: Outcome,
      edit: (m: BoardModel) => void,
    ) => {
      const client = connectClient(server.wsUrl, id, { token: t[role], author: role });
      await client.whenSynced();
      const before = Y.snapshot(watcher.doc);
      edit(client.model);
      await eventually(
        () => {
          const changed = !Y.equalSnapshots(before, Y.snapshot(watcher.doc));
          if (!changed && !client.closes.includes(4403))
            throw new Error(`${action}: no outcome yet`);
        },
        { timeoutMs: 3_000 },
      );
      const refused = client.closes.includes(4403);
      if (refused) {
        await sleep(50);
        expect(Y.equalSnapshots(before, Y.snapshot(watcher.doc)), `${action} leaked`).toBe(true);
      }
      client.destroy();
      record({ role, channel: 'y-websocket', action, expected }, refused ? 'refused' : 'allowed');
    };

    const viaSocket = async (role: Role, event: string, payload: unknown, expected: Outcome) => {
      const socket = await connectSession(server.url, { boardId: id, token: t[role] });
      const before = Y.snapshot(watcher.doc);
      const ack = await request(socket, event, payload);
      socket.close();
      if (!ack.ok) {
        expect(ack.error.code).toBe(role === 'facilitator' ? 'bad_request' : 'forbidden');
        await sleep(50);
        expect(Y.equalSnapshots(before, Y.snapshot(watcher.doc))).toBe(true);
      }
      record(
        { role, channel: 'socket.io', action: `${event} ${JSON.stringify(payload)}`, expected },
        ack.ok ? 'allowed' : 'refused',
      );
    };

    const viaHttp = async (
      role: Role | 'none',
      method: string,
      path: string,
      expected: Outcome,
      token = role === 'none' ? undefined : t[role],
    ) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const ok = response.status >= 200 && response.status < 300;
      if (!ok) {
        expect([401, 403]).toContain(response.status);
        expect((await response.json()).error.code).toBe(
          response.status === 401 ? 'unauthorized' : 'forbidden',
        );
      }
      record(
        { role, channel: 'http', action: `${method} ${path.replace(id, ':id')}`, expected },
        ok ? 'allowed' : 'refused',
      );
    };

    // y-websocket: what each role may write into the board.
    await viaDoc('viewer', 'add a field', 'refused', (m) =>
      m.create('field', { content: { title: 'x' } }),
    );
    await viaDoc('viewer', 'edit a goal', 'refused', (m) => m.update<'goal'>(goal, { title: 'x' }));
    await viaDoc('participant', 'add a need with no step open', 'refused', (m) =>
      m.create('need', { content: { text: 'Kita' } }),
    );
    await viaDoc('steering', 'open a step via the doc', 'refused', (m) =>
      m.setSession({ openStep: 3 }),
    );
    await viaDoc('steering', 'edit a goal', 'allowed', (m) =>
      m.update<'goal'>(goal, { description: 'bis 2029' }),
    );
    await viaDoc('steering', 'rename the board', 'allowed', (m) =>
      m.setMeta({ title: 'Strategie 2027' }),
    );
    await viaDoc('facilitator', 'open step 3 via the doc', 'allowed', (m) =>
      m.setSession({ openStep: 3 }),
    );
    await viaDoc('participant', 'add an own need in step 3', 'allowed', (m) =>
      m.create('need', { content: { text: 'Sprachkurs mit Kinderbetreuung' } }),
    );
    await viaDoc('participant', 'add a goal in step 3', 'refused', (m) =>
      m.create('goal', { parentId: field, content: { title: 'x' } }),
    );
    await viaDoc('participant', 'rename the board', 'refused', (m) =>
      m.setMeta({ title: 'Mein Board' }),
    );
    await viaDoc('participant', 'open a step via the doc', 'refused', (m) =>
      m.setSession({ openStep: 5 }),
    );

    // socket.io: session controls.
    for (const role of ['steering', 'participant', 'viewer'] as const) {
      await viaSocket(role, 'session:openStep', { step: 5 }, 'refused');
      await viaSocket(role, 'session:setEditAll', { allowed: true }, 'refused');
    }
    await viaSocket('facilitator', 'session:openStep', { step: 'fünf' }, 'refused');
    await viaSocket('facilitator', 'session:openStep', { step: 5 }, 'allowed');
    await eventually(() => expect(watcher.model.session().openStep).toBe(5));

    await viaDoc('participant', 'add own Ist-Stand in step 5', 'allowed', (m) =>
      m.create('istStand', { parentId: field, content: { text: '300 Menschen in Unterkünften' } }),
    );
    await viaDoc('participant', "edit the facilitator's goal", 'refused', (m) =>
      m.update<'goal'>(goal, { title: 'Übernommen' }),
    );
    await viaDoc('participant', "delete the facilitator's goal", 'refused', (m) => m.delete(goal));
    await viaDoc('viewer', 'add a field in step 5', 'refused', (m) =>
      m.create('field', { content: { title: 'x' } }),
    );

    // HTTP routes.
    for (const role of ['facilitator', 'steering', 'participant', 'viewer'] as const) {
      await viaHttp(role, 'GET', `/api/boards/${id}`, 'allowed');
    }
    await viaHttp('none', 'GET', `/api/boards/${id}`, 'refused');
    await viaHttp('none', 'GET', `/api/boards/${id}`, 'refused', 'AAAAAAAAAAAAAAAAAAAAAA');
    for (const role of ['facilitator', 'steering'] as const) {
      await viaHttp(role, 'GET', `/api/boards/${id}/export`, 'allowed');
    }
    for (const role of ['participant', 'viewer'] as const) {
      await viaHttp(role, 'GET', `/api/boards/${id}/export`, 'refused');
    }
    for (const role of ['steering', 'participant', 'viewer'] as const) {
      await viaHttp(role, 'POST', `/api/boards/${id}/links/viewer/rotate`, 'refused');
      await viaHttp(role, 'DELETE', `/api/boards/${id}`, 'refused');
    }

    // Unauthenticated channels.
    const stranger = connectClient(server.wsUrl, id, { token: 'AAAAAAAAAAAAAAAAAAAAAA' });
    cleanup.push(() => stranger.destroy());
    await eventually(() => expect(stranger.closes).toContain(4401));
    await expect(
      connectSession(server.url, { boardId: id, token: 'AAAAAAAAAAAAAAAAAAAAAA' }),
    ).rejects.toThrow(/unauthorized/);

    // Presence of others survived every refusal.
    expect(watcher.provider.awareness.getStates().get(facilitator.doc.clientID)).toEqual({
      user: { name: 'Moderation' },
    });

    const table = rows.map(
      (r) => `${r.role.padEnd(11)} ${r.channel.padEnd(11)} ${r.expected.padEnd(7)} ${r.action}`,
    );
    const refused = rows.filter((r) => r.expected === 'refused').length;
    console.log(
      `role matrix: ${rows.length} actions (${refused} forbidden refused, ${rows.length - refused} permitted allowed)\n${table.join('\n')}`,
    );
    expect(rows.filter((r) => r.actual !== r.expected)).toEqual([]);

    // What is stored is exactly what was relayed: restart on the same data dir and compare.
    const relayed = toPlainBoard(watcher.doc);
    facilitator.destroy();
    watcher.destroy();
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    const fresh = connectClient(server.wsUrl, id, { token: t.facilitator });
    cleanup.push(() => fresh.destroy());
    await fresh.whenSynced();
    expect(toPlainBoard(fresh.doc)).toEqual(relayed);
    expect(relayed.needs.map((n) => n.text)).toEqual(['Sprachkurs mit Kinderbetreuung']);
    expect(relayed.goals[0]).toMatchObject({ title: 'Wohnungen', description: 'bis 2029' });
  });
});
