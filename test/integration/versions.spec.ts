import { threadOf, toPlainBoard, type PlainBoard } from '@werkraum/model';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients.js';
import { startServer, tokens } from '../support/server.js';
import { eventually } from '../support/wait.js';

/**
 * Issue 5, "what must be shown" 3: a version is recorded over HTTP, a field is deleted live by a
 * stock y-websocket client, and restoring it from the version (HTTP) brings back the field, its
 * goals, milestones and measures and the thread's links — with the same ids, in every client's
 * doc, as an ordinary new change that survives a restart.
 */
describe('versions: record, delete live, restore', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('restoring a deleted field from a version brings back its goals, measures and thread links', async () => {
    let server = await startServer();
    const dataDir = server.dataDir;
    cleanup.push(() => server.close());
    const board = await server.createBoard({ municipality: 'Musterstadt', title: 'Integration' });
    const t = tokens(board);
    const api = (path: string, init: RequestInit & { token: string; json?: unknown }) =>
      fetch(`${server.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${init.token}`,
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });

    const facilitator = connectClient(server.wsUrl, board.id, {
      token: t.facilitator,
      author: 'Kim',
    });
    const steering = connectClient(server.wsUrl, board.id, { token: t.steering, author: 'Alex' });
    cleanup.push(
      () => facilitator.destroy(),
      () => steering.destroy(),
    );
    await Promise.all([facilitator.whenSynced(), steering.whenSynced()]);

    // The thread: need → goal → milestone, measure (serves the goal), a comment on the goal.
    const m = facilitator.model;
    const field = m.create('field', { content: { title: 'Sprache & Bildung', decided: true } });
    const other = m.create('field', { content: { title: 'Wohnen' } });
    const need = m.create('need', { parentId: field, content: { text: 'Deutschkurse am Abend' } });
    const goal = m.create('goal', {
      parentId: field,
      content: { title: 'Alle Erwachsenen erreichen B1', decided: true, due: '2028-06-30' },
    });
    const milestone = m.create('milestone', {
      parentId: goal,
      content: { title: 'Kursangebot steht', due: '2027-09-01' },
    });
    const measure = m.create('measure', {
      parentId: field,
      content: { title: 'Abendkurse der VHS', owner: 'VHS', due: '2027-10-01', decided: true },
    });
    const elsewhere = m.create('measure', { parentId: other, content: { title: 'Wohnungsbörse' } });
    const takenUp = m.link('takenUpBy', need, goal);
    const serves = m.link('serves', measure, goal);
    // A measure of another field serving this goal: its link must come back too.
    const crossServes = m.link('serves', elsewhere, goal);
    const comment = m.create('comment', {
      parentId: goal,
      content: { text: 'Mit Kinderbetreuung!' },
    });
    const before: PlainBoard = toPlainBoard(facilitator.doc);
    await eventually(() => expect(steering.model.has(comment)).toBe(true));

    const recorded = await api(`/api/boards/${board.id}/versions`, {
      method: 'POST',
      token: t.facilitator,
      json: { kind: 'zielerklaerung', name: 'Zielerklärung 2027' },
    });
    expect(recorded.status).toBe(201);
    const { version } = (await recorded.json()) as { version: { id: string; kind: string } };
    expect(version.kind).toBe('zielerklaerung');

    // Delete the field live: its need, goal, milestone, measure, comment and links go with it.
    m.delete(field);
    for (const client of [facilitator, steering]) {
      await eventually(() => {
        expect(client.model.has(field)).toBe(false);
        expect(client.model.has(goal)).toBe(false);
        expect(client.model.list('link')).toEqual([]);
      });
    }
    expect(steering.model.has(elsewhere)).toBe(true);

    // Participants and viewers may not restore.
    for (const token of [t.participant, t.viewer]) {
      const refused = await api(`/api/boards/${board.id}/versions/${version.id}/restore`, {
        method: 'POST',
        token,
        json: { itemId: field },
      });
      expect(refused.status).toBe(403);
    }
    const restored = await api(`/api/boards/${board.id}/versions/${version.id}/restore`, {
      method: 'POST',
      token: t.steering,
      json: { itemId: field },
    });
    expect(restored.status).toBe(200);
    const ids = ((await restored.json()) as { restored: string[] }).restored;
    expect(ids).toEqual(
      expect.arrayContaining([
        field,
        need,
        goal,
        milestone,
        measure,
        comment,
        takenUp,
        serves,
        crossServes,
      ]),
    );

    const expectThreadBack = (plain: PlainBoard) => {
      for (const kind of ['fields', 'needs', 'goals', 'milestones', 'measures', 'links'] as const) {
        expect(plain[kind]).toEqual(expect.arrayContaining(before[kind] as unknown[]));
        expect(plain[kind]).toHaveLength((before[kind] as unknown[]).length);
      }
      expect(plain.comments.map((c) => c.id)).toEqual([comment]);
      const thread = threadOf(plain, measure);
      expect(thread?.goals.map((g) => g.id)).toEqual([goal]);
      expect(thread?.needs.map((n) => n.id)).toEqual([need]);
      expect(thread?.milestones.map((x) => x.id)).toEqual([milestone]);
    };
    // Back in every client's doc (relayed like any change), same ids, same content.
    for (const client of [steering, facilitator]) {
      await eventually(() => expect(client.model.has(comment)).toBe(true));
      expectThreadBack(toPlainBoard(client.doc));
    }

    // It was stored like any change: after a restart a new client gets the restored board.
    facilitator.destroy();
    steering.destroy();
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    const later = connectClient(server.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => later.destroy());
    await later.whenSynced();
    expectThreadBack(toPlainBoard(later.doc));
    const list = await api(`/api/boards/${board.id}/versions`, { token: t.viewer });
    expect(
      ((await list.json()) as { versions: { id: string }[] }).versions.map((v) => v.id),
    ).toEqual([version.id]);
  });
});
