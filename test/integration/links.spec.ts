import { toPlainBoard } from '@werkraum/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../support/clients.js';
import { fillWithMusterland } from '../support/musterland.js';
import { connectSession } from '../support/session.js';
import { startServer, tokens } from '../support/server.js';
import { eventually } from '../support/wait.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('links as permissions', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('a viewer link with the stock provider stays connected, but its edits reach no one and nothing is stored', async () => {
    let server = await startServer();
    const dataDir = server.dataDir;
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const editor = connectClient(server.wsUrl, board.id, { token: t.facilitator });
    const viewer = connectClient(server.wsUrl, board.id, { token: t.viewer });
    cleanup.push(
      () => editor.destroy(),
      () => viewer.destroy(),
    );
    await Promise.all([editor.whenSynced(), viewer.whenSynced()]);
    const field = editor.model.create('field', { content: { title: 'Gesundheit' } });
    await eventually(() => expect(viewer.model.has(field)).toBe(true));
    // The handshake (sync step 1/2 both ways) did not get the viewer disconnected.
    await sleep(200);
    expect(viewer.closes).toEqual([]);
    expect(viewer.provider.wsconnected).toBe(true);

    const before = Y.snapshot(editor.doc);
    viewer.model.create('goal', { parentId: field, content: { title: 'vom Beamer' } });
    await eventually(() => expect(viewer.closes).toContain(4403));
    await sleep(200);
    expect(Y.equalSnapshots(before, Y.snapshot(editor.doc))).toBe(true);
    expect(editor.model.list('goal')).toEqual([]);

    const expected = toPlainBoard(editor.doc);
    editor.destroy();
    viewer.destroy();
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    const later = connectClient(server.wsUrl, board.id, { token: t.steering });
    cleanup.push(() => later.destroy());
    await later.whenSynced();
    expect(toPlainBoard(later.doc)).toEqual(expected);
  });

  it('rotating a link closes its live connections within 1 s; the old link fails, the new one works', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const participant = connectClient(server.wsUrl, board.id, { token: t.participant });
    const steering = connectClient(server.wsUrl, board.id, { token: t.steering });
    cleanup.push(
      () => participant.destroy(),
      () => steering.destroy(),
    );
    await Promise.all([participant.whenSynced(), steering.whenSynced()]);
    const socket = await connectSession(server.url, { boardId: board.id, token: t.participant });
    cleanup.push(() => socket.close());
    const socketClosed = new Promise<number>((resolve) =>
      socket.once('disconnect', () => resolve(Date.now())),
    );

    const started = Date.now();
    const response = await fetch(`${server.url}/api/boards/${board.id}/links/participant/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.facilitator}` },
    });
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as { role: string; token: string; url: string };
    expect(rotated.role).toBe('participant');
    expect(rotated.token).not.toBe(t.participant);
    expect(rotated.url).toBe(`/b/${board.id}#${rotated.token}`);

    await eventually(() => expect(participant.closes).toContain(4401), { timeoutMs: 1_000 });
    expect((await socketClosed) - started).toBeLessThan(1_000);
    // Other roles' connections are untouched.
    expect(steering.closes).toEqual([]);

    const old = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${t.participant}` },
    });
    expect(old.status).toBe(401);
    const oldAgain = connectClient(server.wsUrl, board.id, { token: t.participant });
    cleanup.push(() => oldAgain.destroy());
    await eventually(() => expect(oldAgain.closes).toContain(4401));
    await expect(
      connectSession(server.url, { boardId: board.id, token: t.participant }),
    ).rejects.toThrow(/unauthorized/);

    const fresh = connectClient(server.wsUrl, board.id, { token: rotated.token });
    cleanup.push(() => fresh.destroy());
    await fresh.whenSynced();
    expect(fresh.model.meta().title).toBe('Testboard');
    const info = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${rotated.token}` },
    });
    expect(await info.json()).toMatchObject({ id: board.id, role: 'participant' });
  });

  it('export → delete → import restores an identical plain board', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const client = connectClient(server.wsUrl, board.id, { token: t.facilitator });
    cleanup.push(() => client.destroy());
    await client.whenSynced();
    fillWithMusterland(client.model);
    const original = toPlainBoard(client.doc);
    await eventually(async () => {
      const r = await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${t.facilitator}` },
      });
      expect((await r.json()).title).toBe(original.meta.title);
    });

    const exported = await fetch(`${server.url}/api/boards/${board.id}/export`, {
      headers: { authorization: `Bearer ${t.facilitator}` },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="werkraum-.+\.json"$/,
    );
    const file = await exported.json();
    expect(file).toMatchObject({ format: 'werkraum.board', version: 1 });
    expect(file.board).toEqual(original);

    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.facilitator}` },
    });
    expect(deleted.status).toBe(204);
    await eventually(() => expect(client.closes).toContain(4410));
    for (const token of Object.values(t)) {
      const gone = await fetch(`${server.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(gone.status).toBe(401);
    }

    const imported = await fetch(`${server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as {
      id: string;
      links: { facilitator: { token: string } };
    };
    expect(copy.id).not.toBe(board.id);
    const reader = connectClient(server.wsUrl, copy.id, { token: copy.links.facilitator.token });
    cleanup.push(() => reader.destroy());
    await reader.whenSynced();
    expect(toPlainBoard(reader.doc)).toEqual(original);

    const bad = await fetch(`${server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...file, board: { ...file.board, steps: [] } }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
  });
});
