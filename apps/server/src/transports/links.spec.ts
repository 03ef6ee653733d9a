import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BoardModel, ROLES, ROLE_PERMISSIONS, toPlainBoard, type Role } from '@werkraum/model';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode, SessionEvent } from '../protocol.js';
import { SQLITE_FILE_NAME } from '../storage/sqlite.js';
import {
  makeTempDir,
  openRawSocket,
  startTestServer,
  waitFor,
  waitForClose,
  waitForProviderClosed,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';
import type { CreatedBoardBody } from './http.js';
import type { ClosedEvent, SessionAck } from './socketio.js';

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };

describe('links, permissions and data protection', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let t: TestServer;
  const sockets: Socket[] = [];

  const socketFor = (boardId: string, token: string, extra: object = {}): Socket => {
    const socket = connectClient(t.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { boardId, token },
      ...extra,
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket): Promise<void> =>
    new Promise((resolve, reject) => {
      if (socket.connected) resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    t = await startTestServer({ dataDir: dir });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await t.close();
    await cleanup();
  });

  it('creating a board yields four different links of the shape /b/<id>#<token>', async () => {
    const boardId = await t.createBoard();
    const body = t.created(boardId);
    expect(Object.keys(body.links).sort()).toEqual([...ROLES].sort());
    const tokens = ROLES.map((role) => body.links[role].token);
    expect(new Set(tokens).size).toBe(4);
    for (const role of ROLES) {
      expect(body.links[role].token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(body.links[role].url).toBe(`/b/${boardId}#${body.links[role].token}`);
    }
  });

  it('answers each route per role: 401 without/with a foreign token, 403 without the permission', async () => {
    const boardId = await t.createBoard();
    const other = await t.createBoard();
    const expected: Record<string, Record<Role, number>> = {
      info: { facilitator: 200, steering: 200, participant: 200, viewer: 200 },
      export: { facilitator: 200, steering: 200, participant: 403, viewer: 403 },
      rotate: { facilitator: 200, steering: 403, participant: 403, viewer: 403 },
    };
    for (const role of ROLES) {
      const info = await t.api(`/api/boards/${boardId}`, { role });
      expect(info.status).toBe(expected.info![role]);
      const body = (await info.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ id: boardId, role, permissions: ROLE_PERMISSIONS[role] });
      expect('deleteAfter' in body).toBe(role === 'facilitator');
      expect((await t.api(`/api/boards/${boardId}/export`, { role })).status).toBe(
        expected.export![role],
      );
      const rotate = await t.api(`/api/boards/${boardId}/links/viewer/rotate`, {
        role,
        method: 'POST',
      });
      expect(rotate.status).toBe(expected.rotate![role]);
      if (rotate.status === 200) {
        // Keep the helper's viewer token current for the next iterations.
        const { token } = (await rotate.json()) as { token: string };
        const created = t.created(boardId);
        t.adopt({
          ...created,
          links: { ...created.links, viewer: { token, url: `/b/${boardId}#${token}` } },
        });
      }
      if (role !== 'facilitator') {
        const del = await t.api(`/api/boards/${boardId}`, { role, method: 'DELETE' });
        expect(del.status).toBe(403);
        expect(((await del.json()) as ErrorBody).error.code).toBe('forbidden');
      }
    }
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Bearer ${t.token(other)}` },
      { authorization: 'Bearer nonsense' },
      { authorization: t.token(boardId) },
    ]) {
      const res = await t.api(`/api/boards/${boardId}`, { role: null, headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as ErrorBody).error.code).toBe('unauthorized');
    }
    const badRole = await t.api(`/api/boards/${boardId}/links/admin/rotate`, { method: 'POST' });
    expect(badRole.status).toBe(400);
  });

  it('sends the security headers; a strict CSP on API responses', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    const page = await fetch(`${t.url}/somewhere`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toBeNull();
  });

  it('rotation closes live ws and socket.io connections of the old link within 1 s', async () => {
    const boardId = await t.createBoard();
    const oldToken = t.token(boardId, 'participant');
    const provider = t.provider(boardId, { role: 'participant' });
    await waitForSynced(provider);
    const viewer = t.provider(boardId, { role: 'viewer' });
    await waitForSynced(viewer);
    const socket = socketFor(boardId, oldToken);
    await connected(socket);
    const closedEvents: ClosedEvent[] = [];
    socket.on(SessionEvent.Closed, (event: ClosedEvent) => closedEvents.push(event));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const wsClosed = waitForProviderClosed(provider);

    const started = Date.now();
    const newToken = await t.rotate(boardId, 'participant');
    expect((await wsClosed).code).toBe(CloseCode.Unauthorized);
    await disconnected;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(closedEvents).toEqual([{ reason: 'revoked' }]);
    expect(viewer.wsconnected).toBe(true); // other links stay

    const res = await t.api(`/api/boards/${boardId}`, {
      role: null,
      headers: { authorization: `Bearer ${oldToken}` },
    });
    expect(res.status).toBe(401);
    const raw = await openRawSocket(t.docUrl(boardId, { token: oldToken }));
    expect((await waitForClose(raw)).code).toBe(CloseCode.Unauthorized);
    const refused = socketFor(boardId, oldToken);
    await expect(connected(refused)).rejects.toMatchObject({
      message: 'unauthorized',
      data: { code: 'unauthorized' },
    });

    expect(newToken).not.toBe(oldToken);
    expect((await t.api(`/api/boards/${boardId}`, { role: 'participant' })).status).toBe(200);
    const fresh = t.provider(boardId, { role: 'participant' });
    await waitForSynced(fresh);
    await connected(socketFor(boardId, newToken));
  });

  it('delete removes every row of the board and closes its connections (4410)', async () => {
    const boardId = await t.createBoard({ title: 'Wird gelöscht' });
    const keep = await t.createBoard();
    const provider = t.provider(boardId);
    await waitForSynced(provider);
    new BoardModel(provider.doc).create('field', { content: { title: 'Gesundheit' } });
    await (await t.server.rooms.get(boardId)).committed();
    const socket = socketFor(boardId, t.token(boardId, 'viewer'));
    await connected(socket);
    const closedEvents: ClosedEvent[] = [];
    socket.on(SessionEvent.Closed, (event: ClosedEvent) => closedEvents.push(event));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const wsClosed = waitForProviderClosed(provider);

    const res = await t.api(`/api/boards/${boardId}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await wsClosed).code).toBe(CloseCode.BoardDeleted);
    await disconnected;
    expect(closedEvents).toEqual([{ reason: 'deleted' }]);
    expect(t.server.rooms.getLoaded(boardId)).toBeUndefined();

    for (const role of ROLES) {
      expect((await t.api(`/api/boards/${boardId}`, { role })).status).toBe(401);
    }
    expect((await t.api(`/api/boards/${keep}`)).status).toBe(200);
    const db = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      for (const table of ['boards', 'snapshots', 'updates', 'board_links']) {
        const column = table === 'boards' ? 'id' : 'board_id';
        const { n } = db
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`)
          .get(boardId) as { n: number };
        expect(n).toBe(0);
      }
    } finally {
      db.close();
    }
    // Hard delete: not even in free pages of the database file (secure_delete) or its WAL.
    for (const file of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]) {
      const full = path.join(dir, file);
      if (!existsSync(full)) continue;
      const bytes = readFileSync(full).toString('latin1');
      expect(bytes).not.toContain(boardId);
      expect(bytes).not.toContain('Gesundheit');
    }
  });

  it('export (facilitator, steering) and import into a new board round-trip the plain board', async () => {
    const boardId = await t.createBoard({ municipality: 'Stadt Überlingen', title: 'Straße 1' });
    const provider = t.provider(boardId);
    await waitForSynced(provider);
    const model = new BoardModel(provider.doc);
    const field = model.create('field', { content: { title: 'Wohnen', description: 'ä ö ü' } });
    const goal = model.create('goal', { parentId: field, content: { title: 'Mehr Wohnraum' } });
    const need = model.create('need', { content: { text: 'Bezahlbare Mieten', lang: 'de' } });
    model.link('takenUpBy', need, goal);
    await (await t.server.rooms.get(boardId)).committed();

    const res = await t.api(`/api/boards/${boardId}/export`, { role: 'steering' });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(
      /^attachment; filename="werkraum-stadt-ueberlingen-strasse-1-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const file = (await res.json()) as { format: string; board: unknown };
    expect(file.format).toBe('werkraum.board');
    expect(file.board).toEqual(toPlainBoard(provider.doc));

    const imported = await fetch(`${t.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as CreatedBoardBody;
    expect(created.id).not.toBe(boardId);
    expect(created.role).toBe('facilitator');
    expect(new Set(ROLES.map((r) => created.links[r].token)).size).toBe(4);
    t.adopt(created);
    const copy = t.provider(created.id, { role: 'viewer' });
    await waitForSynced(copy);
    expect(toPlainBoard(copy.doc)).toEqual(file.board);
    const again = await t.api(`/api/boards/${created.id}/export`);
    expect(((await again.json()) as { board: unknown }).board).toEqual(file.board);
  });

  it('refuses bad import files with 400 and issues', async () => {
    const boardId = await t.createBoard();
    const file = (await (await t.api(`/api/boards/${boardId}/export`)).json()) as {
      board: { steps: unknown[]; needs: unknown[] };
    };
    const post = (body: unknown) =>
      fetch(`${t.url}/api/boards/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const wrong = await post({ format: 'other' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.issues?.length).toBeGreaterThan(0);

    const duplicate = structuredClone(file);
    // A need with the id of step 1: valid on its own, but ids must be unique.
    duplicate.board.needs.push({
      ...(duplicate.board.steps[0] as object),
      kind: 'need',
      text: 'x',
      lang: 'de',
    });
    const inconsistent = await post(duplicate);
    expect(inconsistent.status).toBe(400);
    expect(((await inconsistent.json()) as ErrorBody).error.code).toBe('bad_request');
  });

  it('retention sweep deletes an untouched board and keeps a fresh one; deleteAfter for facilitators', async () => {
    const old = await t.createBoard();
    const fresh = await t.createBoard();
    const info = (await (await t.api(`/api/boards/${fresh}`)).json()) as {
      updatedAt: number;
      deleteAfter: string;
    };
    expect(Date.parse(info.deleteAfter)).toBe(info.updatedAt + 730 * 86_400_000);
    const steering = (await (
      await t.api(`/api/boards/${fresh}`, { role: 'steering' })
    ).json()) as Record<string, unknown>;
    expect(steering.deleteAfter).toBeUndefined();

    const db = new Database(path.join(dir, SQLITE_FILE_NAME));
    try {
      const longAgo = Date.now() - 731 * 86_400_000;
      db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?').run(longAgo, old);
    } finally {
      db.close();
    }
    expect(await t.server.boards.sweepExpired()).toBe(1);
    expect((await t.api(`/api/boards/${old}`)).status).toBe(401);
    expect((await t.api(`/api/boards/${fresh}`)).status).toBe(200);
    expect(await t.server.store.getBoard(old)).toBeUndefined();
  });

  it('refuses WebSocket upgrades and socket.io handshakes from a foreign Origin', async () => {
    const boardId = await t.createBoard();
    const foreign = new WebSocket(t.docUrl(boardId), {
      headers: { origin: 'https://evil.example' },
    });
    const status = await new Promise<number>((resolve) =>
      foreign.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);

    const same = await openRawSocket(t.docUrl(boardId));
    same.close();
    const sameOrigin = new WebSocket(t.docUrl(boardId), { headers: { origin: t.url } });
    await new Promise((resolve, reject) => {
      sameOrigin.once('open', resolve);
      sameOrigin.once('error', reject);
    });
    sameOrigin.close();

    const socket = socketFor(boardId, t.token(boardId), {
      transports: ['polling'],
      extraHeaders: { origin: 'https://evil.example' },
    });
    await expect(connected(socket)).rejects.toThrow();
  });

  it('socket.io session events: facilitator only, validated, acknowledged, relayed via the doc', async () => {
    const boardId = await t.createBoard();
    const provider = t.provider(boardId, { role: 'viewer' });
    await waitForSynced(provider);
    const ack = (socket: Socket, event: string, payload: unknown) =>
      socket.timeout(5_000).emitWithAck(event, payload) as Promise<SessionAck>;

    const sockets = Object.fromEntries(
      ROLES.map((role) => [role, socketFor(boardId, t.token(boardId, role))]),
    ) as Record<Role, Socket>;
    for (const role of ROLES) {
      expect(await ack(sockets[role], SessionEvent.Join, {})).toMatchObject({ ok: true, role });
    }
    for (const role of ['steering', 'participant', 'viewer'] as const) {
      expect(await ack(sockets[role], SessionEvent.OpenStep, { step: 3 })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) },
      });
      expect(await ack(sockets[role], SessionEvent.SetEditAll, { allowed: true })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(new BoardModel(provider.doc).session()).toMatchObject({
      openStep: null,
      participantsMayEditAll: false,
    });
    for (const payload of [{ step: 11 }, { step: '3' }, {}, { step: 3, x: 1 }]) {
      expect(await ack(sockets.facilitator, SessionEvent.OpenStep, payload)).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    }
    expect(await ack(sockets.facilitator, SessionEvent.OpenStep, { step: 3 })).toMatchObject({
      ok: true,
      session: { openStep: 3, participantsMayEditAll: false },
    });
    expect(
      await ack(sockets.facilitator, SessionEvent.SetEditAll, { allowed: true }),
    ).toMatchObject({
      ok: true,
      session: { openStep: 3, participantsMayEditAll: true },
    });
    await waitFor(() =>
      expect(new BoardModel(provider.doc).session()).toMatchObject({
        openStep: 3,
        participantsMayEditAll: true,
      }),
    );
    expect(await ack(sockets.facilitator, SessionEvent.OpenStep, { step: null })).toMatchObject({
      ok: true,
      session: { openStep: null },
    });

    const bad = socketFor(boardId, 'x'.repeat(22));
    await expect(connected(bad)).rejects.toMatchObject({ message: 'unauthorized' });
  });
});
