import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BoardModel, readSession, type Role, type VersionInfo } from '@werkraum/model';
import ICAL from 'ical.js';
import { pino } from 'pino';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionEvent } from '../protocol.js';
import { SQLITE_FILE_NAME } from '../storage/sqlite.js';
import { makeTempDir, startTestServer, waitFor, type TestServer } from '../testing/helpers.js';
import { createTestDatabase } from '../testing/services.js';
import type { CalendarBody, PublicPageBody } from './http-process.js';

interface Seeded {
  field: string;
  need: string;
  goal: string;
  undecidedGoal: string;
  milestone: string;
  measure: string;
  looseMeasure: string;
}

type Json = Record<string, unknown>;

describe('process API (versions, calendar, publication, attendance)', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;
  let boardId: string;
  let logLines: string[];
  const sockets: Socket[] = [];

  const call = async (
    route: string,
    init: RequestInit & { role?: Role | null; json?: unknown } = {},
  ): Promise<{ status: number; body: Json; headers: Headers; text: string }> => {
    const { json, headers, ...rest } = init;
    const res = await t.api(route, {
      boardId,
      ...rest,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      headers: {
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(headers as Record<string, string> | undefined),
      },
    });
    const text = await res.text();
    let body: Json = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Json);
    } catch {
      // not JSON (the calendar)
    }
    return { status: res.status, body, headers: res.headers, text };
  };
  const seed = <T>(fn: (model: BoardModel) => T): Promise<T> =>
    t.server.rooms.change(boardId, (room) => fn(new BoardModel(room.doc, { author: 'Alex' })));
  const live = <T>(fn: (model: BoardModel) => T): Promise<T> =>
    t.server.rooms.change(boardId, (room) => fn(new BoardModel(room.doc)));

  const seedBoard = (): Promise<Seeded> =>
    seed((m) => {
      const field = m.create('field', { content: { title: 'Sprache & Bildung', decided: true } });
      const need = m.create('need', {
        parentId: field,
        content: { text: 'Kita-Plätze für alle Kinder' },
      });
      const goal = m.create('goal', {
        parentId: field,
        content: {
          title: 'Alle Kinder haben einen Kita-Platz',
          decided: true,
          owner: 'Jugendamt',
          due: '2028-08-01',
        },
      });
      const undecidedGoal = m.create('goal', {
        parentId: field,
        content: { title: 'Noch offen', due: '2029-01-15' },
      });
      const milestone = m.create('milestone', {
        parentId: goal,
        content: { title: 'Bedarfsplanung fertig', due: '2027-06-30' },
      });
      const measure = m.create('measure', {
        parentId: field,
        content: {
          title: 'Sprachkurse für Mütter',
          owner: 'VHS Müller',
          due: '2027-09-01',
          decided: true,
        },
      });
      const looseMeasure = m.create('measure', {
        parentId: field,
        content: { title: 'Elterncafé', due: '2027-03-01' },
      });
      m.link('takenUpBy', need, goal);
      m.link('serves', measure, goal);
      m.update('step-3', { date: '2027-02-10' });
      m.update('step-5', { date: '2027-04-20' });
      return { field, need, goal, undecidedGoal, milestone, measure, looseMeasure };
    });

  const record = async (
    kind: string,
    name: string,
    extra: Json = {},
    role: Role = 'facilitator',
  ): Promise<VersionInfo> => {
    const res = await call(`/api/boards/${boardId}/versions`, {
      method: 'POST',
      role,
      json: { kind, name, ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.version as VersionInfo;
  };

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    logLines = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) });
    t = await startTestServer({ dataDir: temp.dir, logger, unloadDelayMs: 50 });
    boardId = await t.createBoard({ municipality: 'Musterstadt', title: 'Integration 2027' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await t.close();
    await cleanup();
  });

  describe('versions', () => {
    it('records, lists (newest first) and shows versions; every role may read', async () => {
      const ids = await seedBoard();
      expect((await call(`/api/boards/${boardId}/versions`)).body).toEqual({ versions: [] });
      const first = await record('zielerklaerung', '  Zielerklärung 2027  ');
      expect(first).toMatchObject({
        kind: 'zielerklaerung',
        name: 'Zielerklärung 2027',
        createdBy: '',
        reportId: null,
      });
      expect(first.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      await live((m) => m.update(ids.goal, { title: 'Später umbenannt' }));
      const second = await record(
        'manual',
        'Vor der Klausur',
        { createdBy: 'Amira K.' },
        'steering',
      );
      expect(second.createdBy).toBe('Amira K.');

      for (const role of ['facilitator', 'steering', 'participant', 'viewer'] as const) {
        const list = await call(`/api/boards/${boardId}/versions`, { role });
        expect(list.status).toBe(200);
        expect((list.body.versions as VersionInfo[]).map((v) => v.id)).toEqual([
          second.id,
          first.id,
        ]);
        const got = await call(`/api/boards/${boardId}/versions/${first.id}`, { role });
        expect(got.status).toBe(200);
        expect(got.body.version).toEqual(first);
      }
      // The version is frozen: the rename after it is not in it.
      const got = await call(`/api/boards/${boardId}/versions/${first.id}`);
      const board = got.body.board as { goals: { id: string; title: string }[] };
      expect(board.goals.find((g) => g.id === ids.goal)?.title).toBe(
        'Alle Kinder haben einen Kita-Platz',
      );
    });

    it('refuses recording to participants and viewers, and bad input with a clear 400', async () => {
      for (const role of ['participant', 'viewer'] as const) {
        const res = await call(`/api/boards/${boardId}/versions`, {
          method: 'POST',
          role,
          json: { kind: 'manual', name: 'x' },
        });
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      }
      const bad = async (json: unknown, message: RegExp, issuePath?: string) => {
        const res = await call(`/api/boards/${boardId}/versions`, { method: 'POST', json });
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        const error = res.body.error as { code: string; message: string; issues?: Json[] };
        expect(error.code).toBe('bad_request');
        expect(error.message).toMatch(message);
        if (issuePath) expect(error.issues?.map((i) => i.path)).toContain(issuePath);
      };
      await bad({ kind: 'manual', name: '   ' }, /Invalid version/, 'name');
      await bad({ kind: 'manual' }, /Invalid version/, 'name');
      await bad({ kind: 'session', name: 'Sitzung' }, /Invalid version/, 'kind');
      await bad({ kind: 'manual', name: 'x'.repeat(201) }, /Invalid version/, 'name');
      await bad({ kind: 'manual', name: 'x', extra: 1 }, /Invalid version/);
      await bad({ kind: 'manual', name: 'x', createdBy: 'x'.repeat(81) }, /Invalid/, 'createdBy');
      await bad({ kind: 'manual', name: 'x', createdBy: 'Evil\u202Eeman' }, /Invalid/, 'createdBy');
      await bad({ kind: 'quarterly', name: 'Q1', reportId: 'not an id' }, /Invalid/, 'reportId');
      await bad(
        { kind: 'manual', name: 'x', reportId: 'AAAAAAAAAAAAAAAA' },
        /Only quarterly and review/,
      );
      const raw = await t.api(`/api/boards/${boardId}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"kind":',
      });
      expect(raw.status).toBe(400);
      expect((await call(`/api/boards/${boardId}/versions/not-a-version`)).status).toBe(400);
      expect((await call(`/api/boards/${boardId}/versions/AAAAAAAAAAAAAAAA`)).status).toBe(404);
      expect((await call(`/api/boards/${boardId}/versions`, { role: null })).status).toBe(401);
      expect((await call(`/api/boards/${boardId}/versions`)).body).toEqual({ versions: [] });
    });

    it('records a report as a version and marks the report with it', async () => {
      const { quarterly, review } = await seed((m) => ({
        quarterly: m.create('report', { content: { type: 'quarterly', date: '2027-10-01' } }),
        review: m.create('report', { content: { type: 'review', date: '2028-10-01' } }),
      }));
      const version = await record('quarterly', 'Quartal 3/2027', { reportId: quarterly });
      expect(version.reportId).toBe(quarterly);
      expect(await live((m) => m.get(quarterly, 'report')?.versionId)).toBe(version.id);

      const wrongType = await call(`/api/boards/${boardId}/versions`, {
        method: 'POST',
        json: { kind: 'quarterly', name: 'x', reportId: review },
      });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body).toMatchObject({
        error: { message: 'The report is not a quarterly report' },
      });
      const missing = await call(`/api/boards/${boardId}/versions`, {
        method: 'POST',
        json: { kind: 'review', name: 'x', reportId: 'AAAAAAAAAAAAAAAA' },
      });
      expect(missing.status).toBe(404);
      expect((await call(`/api/boards/${boardId}/versions`)).body.versions).toHaveLength(1);
    });

    it('restores a deleted field with its goals, measures and links, and the whole board', async () => {
      const ids = await seedBoard();
      const version = await record('manual', 'Stand vor dem Löschen');
      await live((m) => {
        m.delete(ids.field);
        m.update('step-3', { notes: 'geändert' });
      });
      expect(await live((m) => m.has(ids.goal))).toBe(false);

      for (const role of ['participant', 'viewer'] as const) {
        const refused = await call(`/api/boards/${boardId}/versions/${version.id}/restore`, {
          method: 'POST',
          role,
          json: { itemId: ids.field },
        });
        expect(refused.status).toBe(403);
      }
      const restored = await call(`/api/boards/${boardId}/versions/${version.id}/restore`, {
        method: 'POST',
        role: 'steering',
        json: { itemId: ids.field },
      });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      expect(restored.body.restored).toEqual(
        expect.arrayContaining([ids.field, ids.goal, ids.milestone, ids.measure]),
      );
      const board = await live((m) => m.toPlain());
      expect(board.goals.map((g) => g.id)).toContain(ids.goal);
      expect(board.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'serves', from: ids.measure, to: ids.goal }),
          expect.objectContaining({ type: 'takenUpBy', from: ids.need, to: ids.goal }),
        ]),
      );
      expect(board.needs.map((n) => n.id)).toContain(ids.need);
      // Only the field's subtree: the edited step stays as it is now.
      expect(board.steps.find((s) => s.id === 'step-3')?.notes).toBe('geändert');

      // Whole board (empty body).
      const whole = await t.api(`/api/boards/${boardId}/versions/${version.id}/restore`, {
        method: 'POST',
      });
      expect(whole.status).toBe(200);
      expect(((await whole.json()) as { restored: string[] }).restored).toContain('step-3');
      expect(await live((m) => m.get('step-3', 'step')?.notes)).toBe('');

      const notInVersion = await call(`/api/boards/${boardId}/versions/${version.id}/restore`, {
        method: 'POST',
        json: { itemId: 'ZZZZZZZZZZZZZZZZ' },
      });
      expect(notInVersion.status).toBe(404);
      expect(notInVersion.body).toMatchObject({
        error: { message: 'The item is not part of this version' },
      });
      const unknown = await call(`/api/boards/${boardId}/versions/AAAAAAAAAAAAAAAA/restore`, {
        method: 'POST',
        json: {},
      });
      expect(unknown.status).toBe(404);
      const badBody = await call(`/api/boards/${boardId}/versions/${version.id}/restore`, {
        method: 'POST',
        json: { itemId: 42 },
      });
      expect(badBody.status).toBe(400);
      expect(badBody.body).toMatchObject({
        error: { code: 'bad_request', issues: [{ path: 'itemId' }] },
      });
    });
  });

  describe('calendar feed', () => {
    const feedPath = (url: string) => url;

    it('makes a secret URL once (stored only as its SHA-256), serves every dated item', async () => {
      const ids = await seedBoard();
      for (const role of ['participant', 'viewer'] as const) {
        expect((await call(`/api/boards/${boardId}/calendar`, { role })).status).toBe(403);
      }
      const first = await call(`/api/boards/${boardId}/calendar`, { role: 'steering' });
      expect(first.status).toBe(200);
      const { url, created } = first.body as unknown as CalendarBody;
      expect(created).toBe(true);
      expect(url).toMatch(new RegExp(`^/api/calendar/${boardId}/[A-Za-z0-9_-]{22}\\.ics$`));
      const secret = /\/([A-Za-z0-9_-]{22})\.ics$/.exec(url!)![1]!;
      // Later calls cannot show it again.
      expect((await call(`/api/boards/${boardId}/calendar`)).body).toEqual({
        url: null,
        created: false,
      });
      // Only the hash is stored; neither the database file nor the log holds the secret.
      const stored = await t.server.store.getCalendarKey(boardId);
      expect(Buffer.from(stored!)).toEqual(createHash('sha256').update(secret).digest());
      const file = await readFile(path.join(t.dataDir, SQLITE_FILE_NAME));
      const wal = await readFile(path.join(t.dataDir, `${SQLITE_FILE_NAME}-wal`)).catch(() =>
        Buffer.alloc(0),
      );
      expect(file.includes(secret)).toBe(false);
      expect(wal.includes(secret)).toBe(false);

      const feed = await fetch(`${t.url}${feedPath(url!)}`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const text = await feed.text();
      expect(logLines.join('\n')).not.toContain(secret);

      const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
      const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
      const byUid = new Map(events.map((event) => [event.uid, event]));
      const date = (uid: string) => byUid.get(uid)?.startDate.toString();
      expect(date(`${boardId}.step-3@werkraum`)).toBe('2027-02-10');
      expect(date(`${boardId}.step-5@werkraum`)).toBe('2027-04-20');
      expect(date(`${ids.goal}@werkraum`)).toBe('2028-08-01');
      expect(date(`${ids.undecidedGoal}@werkraum`)).toBe('2029-01-15');
      expect(date(`${ids.milestone}@werkraum`)).toBe('2027-06-30');
      expect(date(`${ids.measure}@werkraum`)).toBe('2027-09-01');
      expect(date(`${ids.looseMeasure}@werkraum`)).toBe('2027-03-01');
      expect(events).toHaveLength(7);
      expect(byUid.get(`${ids.measure}@werkraum`)?.summary).toContain('Sprachkurse für Mütter');
    });

    it('answers 404 alike for a wrong secret and an unknown board; rotation kills the old URL', async () => {
      const { url } = (await call(`/api/boards/${boardId}/calendar`))
        .body as unknown as CalendarBody;
      const otherBoard = await t.createBoard();
      const wrong = await fetch(`${t.url}/api/calendar/${boardId}/${'A'.repeat(22)}.ics`);
      const unknown = await fetch(`${t.url}/api/calendar/${'B'.repeat(22)}/${'A'.repeat(22)}.ics`);
      const noKey = await fetch(`${t.url}/api/calendar/${otherBoard}/${'A'.repeat(22)}.ics`);
      const malformed = await fetch(`${t.url}/api/calendar/${boardId}/short.ics`);
      const bodies = [];
      for (const res of [wrong, unknown, noKey, malformed]) {
        expect(res.status).toBe(404);
        bodies.push(await res.text());
      }
      expect(new Set(bodies).size).toBe(1);
      // Another board's secret does not open this board.
      const other = await t.api(`/api/boards/${otherBoard}/calendar`);
      const otherUrl = ((await other.json()) as CalendarBody).url!;
      const crossed = otherUrl.replace(otherBoard, boardId);
      expect((await fetch(`${t.url}${crossed}`)).status).toBe(404);

      for (const role of ['steering', 'participant', 'viewer'] as const) {
        const refused = await call(`/api/boards/${boardId}/calendar/rotate`, {
          method: 'POST',
          role,
        });
        expect(refused.status).toBe(403);
      }
      const rotated = await call(`/api/boards/${boardId}/calendar/rotate`, { method: 'POST' });
      expect(rotated.status).toBe(200);
      const next = rotated.body.url as string;
      expect(next).not.toBe(url);
      expect((await fetch(`${t.url}${url!}`)).status).toBe(404);
      expect((await fetch(`${t.url}${next}`)).status).toBe(200);
    });

    it('is gone with the board', async () => {
      const { url } = (await call(`/api/boards/${boardId}/calendar`))
        .body as unknown as CalendarBody;
      expect((await call(`/api/boards/${boardId}`, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(`${t.url}${url!}`)).status).toBe(404);
      expect(await t.server.store.getCalendarKey(boardId)).toBeUndefined();
    });
  });

  describe('publication', () => {
    it('publishes a Zielerklärung version on a public page, keeps its address, revokes it', async () => {
      const ids = await seedBoard();
      const ziel = await record('zielerklaerung', 'Zielerklärung 2027');
      const manual = await record('manual', 'Zwischenstand');

      for (const role of ['steering', 'participant', 'viewer'] as const) {
        expect((await call(`/api/boards/${boardId}/publication`, { role })).status).toBe(403);
        const put = await call(`/api/boards/${boardId}/publication`, {
          method: 'PUT',
          role,
          json: { versionId: ziel.id, title: 't', text: '' },
        });
        expect(put.status).toBe(403);
        const del = await call(`/api/boards/${boardId}/publication`, { method: 'DELETE', role });
        expect(del.status).toBe(403);
      }
      expect((await call(`/api/boards/${boardId}/publication`)).body).toEqual({
        publication: null,
        url: null,
      });
      const notZiel = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: manual.id, title: 'Ergebnisse', text: '' },
      });
      expect(notZiel.status).toBe(400);
      expect(notZiel.body).toMatchObject({
        error: { message: 'Only a Zielerklärung version can be published' },
      });
      const unknownVersion = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: 'AAAAAAAAAAAAAAAA', title: 'Ergebnisse', text: '' },
      });
      expect(unknownVersion.status).toBe(404);
      const badInput = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: ziel.id, title: '', text: 'x'.repeat(20_001) },
      });
      expect(badInput.status).toBe(400);
      expect((badInput.body.error as { issues: Json[] }).issues.map((i) => i.path).sort()).toEqual([
        'text',
        'title',
      ]);

      const put = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: ziel.id, title: 'Unsere Ziele', text: 'Beschlossen im Stadtrat.' },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const publication = put.body.publication as { publicId: string; publishedAt: number };
      expect(publication).toMatchObject({
        boardId,
        versionId: ziel.id,
        title: 'Unsere Ziele',
        text: 'Beschlossen im Stadtrat.',
      });
      expect(put.body.url).toBe(`/p/${publication.publicId}`);
      expect(publication.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect((await call(`/api/boards/${boardId}/publication`)).body).toEqual(put.body);

      // Editing the live board afterwards does not change the page.
      await live((m) => m.update(ids.goal, { title: 'Live geändert' }));
      const page = await fetch(`${t.url}/api/public/${publication.publicId}`);
      expect(page.status).toBe(200);
      const body = (await page.json()) as PublicPageBody;
      expect(body).toMatchObject({
        municipality: 'Musterstadt',
        title: 'Unsere Ziele',
        text: 'Beschlossen im Stadtrat.',
        publishedAt: publication.publishedAt,
        version: { name: 'Zielerklärung 2027', createdAt: ziel.createdAt },
      });
      const [entry] = body.zielerklaerung.fields;
      expect(entry?.field.id).toBe(ids.field);
      expect(entry?.goals[0]?.goal?.title).toBe('Alle Kinder haben einen Kita-Platz');
      expect(entry?.goals[0]?.measures.map((m) => m.id)).toEqual([ids.measure]);
      expect(entry?.goals[0]?.milestones.map((m) => m.id)).toEqual([ids.milestone]);
      // Undecided items and authors are not public.
      const pageText = JSON.stringify(body);
      expect(pageText).not.toContain('Elterncafé');
      expect(pageText).not.toContain('Noch offen');
      expect(pageText).not.toContain('Alex');

      // Re-publishing keeps the address.
      const again = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: ziel.id, title: 'Unsere Ziele 2', text: '' },
      });
      expect(again.body.url).toBe(put.body.url);

      expect((await call(`/api/boards/${boardId}/publication`, { method: 'DELETE' })).status).toBe(
        204,
      );
      const gone = await fetch(`${t.url}/api/public/${publication.publicId}`);
      expect(gone.status).toBe(404);
      expect((await call(`/api/boards/${boardId}/publication`, { method: 'DELETE' })).status).toBe(
        204,
      );
      const fresh = await call(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        json: { versionId: ziel.id, title: 'Neu', text: '' },
      });
      expect(fresh.body.url).not.toBe(put.body.url);
      expect((await fetch(`${t.url}/api/public/not-an-id`)).status).toBe(400);
      expect((await fetch(`${t.url}/api/public/${'Z'.repeat(22)}`)).status).toBe(404);

      // Deleted with the board.
      await call(`/api/boards/${boardId}`, { method: 'DELETE' });
      const afterDelete = await fetch(
        `${t.url}${(fresh.body.url as string).replace('/p/', '/api/public/')}`,
      );
      expect(afterDelete.status).toBe(404);
    });
  });

  describe('attendance and session versions (socket.io)', () => {
    const connect = (role: Role): Socket => {
      const socket = connectClient(t.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: { boardId, token: t.token(boardId, role) },
      });
      sockets.push(socket);
      return socket;
    };
    type Ack = { ok: boolean; [key: string]: unknown };
    const ask = (socket: Socket, event: string, payload: unknown = {}): Promise<Ack> =>
      socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack>;
    const named = async (socket: Socket, name: string) => {
      await ask(socket, SessionEvent.Join);
      expect(
        (await ask(socket, SessionEvent.PresenceUpdate, { name, color: '#112233', editing: null }))
          .ok,
      ).toBe(true);
    };

    it('tells everyone on the board when a version was recorded, so their lists reload', async () => {
      const viewer = connect('viewer');
      const participant = connect('participant');
      const events: unknown[][] = [[], []];
      [viewer, participant].forEach((socket, i) =>
        socket.on(SessionEvent.VersionsChanged, (event: unknown) => events[i]!.push(event)),
      );
      await ask(viewer, SessionEvent.Join);
      await ask(participant, SessionEvent.Join);
      await record('zielerklaerung', 'Zielerklärung 2027', { createdBy: 'Kim' });
      await waitFor(() => expect(events).toEqual([[{ boardId }], [{ boardId }]]));
    });

    it('records who is present by name while step 3 or 5 is open; a session version at the close', async () => {
      const facilitator = connect('facilitator');
      await named(facilitator, 'Moderation Kim');
      const early = connect('participant');
      await named(early, 'Amira');
      const guest = connect('participant');
      await ask(guest, SessionEvent.Join); // stays "Gast"
      const anonymous = connect('participant');
      await named(anonymous, 'Guest 4821'); // the pseudonym of someone who joined without a name

      expect((await ask(facilitator, SessionEvent.OpenStep, { step: 3 })).ok).toBe(true);
      const late = connect('participant');
      await named(late, 'Jörg');
      await waitFor(async () => {
        const res = await call(`/api/boards/${boardId}/attendance`);
        expect(res.body).toEqual({
          steps: [
            { step: 3, names: expect.arrayContaining(['Moderation Kim', 'Amira', 'Jörg']) },
            { step: 5, names: [] },
          ],
        });
        expect((res.body.steps as { names: string[] }[])[0]?.names).toHaveLength(3);
      });

      // Closing participation records the automatic session version.
      expect((await ask(facilitator, SessionEvent.OpenStep, { step: null })).ok).toBe(true);
      const versions = (await call(`/api/boards/${boardId}/versions`)).body
        .versions as VersionInfo[];
      expect(versions).toEqual([
        expect.objectContaining({
          kind: 'session',
          name: 'Sitzung – Schritt 3',
          createdBy: 'Moderation Kim',
        }),
      ]);
      // Outside steps 3 and 5 nobody is recorded.
      expect((await ask(facilitator, SessionEvent.OpenStep, { step: 4 })).ok).toBe(true);
      const other = connect('participant');
      await named(other, 'Nur Schritt 4');
      // Switching from 4 to 5 directly: no session version (only closing records one).
      expect((await ask(facilitator, SessionEvent.OpenStep, { step: 5 })).ok).toBe(true);
      await waitFor(async () => {
        const res = await call(`/api/boards/${boardId}/attendance`);
        const steps = res.body.steps as { step: number; names: string[] }[];
        expect(steps[1]?.names).toContain('Nur Schritt 4');
      });
      expect(
        ((await call(`/api/boards/${boardId}/versions`)).body.versions as unknown[]).length,
      ).toBe(1);
      expect(await t.server.rooms.change(boardId, (room) => readSession(room.doc).openStep)).toBe(
        5,
      );
      const res = await call(`/api/boards/${boardId}/attendance`);
      expect((res.body.steps as { names: string[] }[])[0]?.names).not.toContain('Nur Schritt 4');
      expect(JSON.stringify(res.body)).not.toContain('Gast');
      expect(JSON.stringify(res.body)).not.toContain('Guest 4821');
      for (const role of ['steering', 'participant', 'viewer'] as const) {
        expect((await call(`/api/boards/${boardId}/attendance`, { role })).status).toBe(403);
      }
      // Names never reach the log.
      expect(logLines.join('\n')).not.toContain('Amira');

      // Deleted with the board.
      await call(`/api/boards/${boardId}`, { method: 'DELETE' });
      expect(await t.server.store.listAttendance(boardId)).toEqual([]);
      expect(await t.server.store.listVersions(boardId)).toEqual([]);
    });
  });
});

describe('process API rate limits', () => {
  it('limits the public reads per client IP', async () => {
    const temp = await makeTempDir();
    const t = await startTestServer({ dataDir: temp.dir, httpPublicReadLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await fetch(`${t.url}/api/public/${'Z'.repeat(22)}`)).status);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      const limited = await fetch(`${t.url}/api/calendar/${'B'.repeat(22)}/${'A'.repeat(22)}.ics`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await t.close();
      await temp.cleanup();
    }
  });

  it('counts recording and restoring against the write limit', async () => {
    const temp = await makeTempDir();
    const t = await startTestServer({ dataDir: temp.dir, httpWriteLimitPerMinute: 3 });
    try {
      const boardId = await t.createBoard(); // 1
      const post = () =>
        t.api(`/api/boards/${boardId}/versions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'manual', name: 'v' }),
        });
      expect((await post()).status).toBe(201); // 2
      expect((await post()).status).toBe(201); // 3
      expect((await post()).status).toBe(429);
    } finally {
      await t.close();
      await temp.cleanup();
    }
  });
});

describe('process API on PostgreSQL, two server processes', () => {
  it('a version, the calendar feed and the public page recorded on one process work on the other', async () => {
    const database = await createTestDatabase();
    const temps = [await makeTempDir(), await makeTempDir()];
    const [a, b] = [
      await startTestServer({ dataDir: temps[0]!.dir, databaseUrl: database.url }),
      await startTestServer({ dataDir: temps[1]!.dir, databaseUrl: database.url }),
    ];
    try {
      const boardId = await a.createBoard();
      b.adopt(a.created(boardId));
      await a.server.rooms.change(boardId, (room) => {
        const m = new BoardModel(room.doc);
        const field = m.create('field', { content: { title: 'Arbeit' } });
        m.create('goal', {
          parentId: field,
          content: { title: 'Mehr Ausbildung', decided: true, due: '2028-01-31' },
        });
      });
      const json = { 'content-type': 'application/json' };
      const recorded = await a.api(`/api/boards/${boardId}/versions`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ kind: 'zielerklaerung', name: 'ZE' }),
      });
      const { version } = (await recorded.json()) as { version: VersionInfo };
      const listed = (await (await b.api(`/api/boards/${boardId}/versions`)).json()) as {
        versions: VersionInfo[];
      };
      expect(listed.versions).toEqual([version]);
      const shown = await b.api(`/api/boards/${boardId}/versions/${version.id}`);
      expect(((await shown.json()) as { board: { goals: unknown[] } }).board.goals).toHaveLength(1);

      const { url } = (await (
        await a.api(`/api/boards/${boardId}/calendar`)
      ).json()) as CalendarBody;
      const feed = await fetch(`${b.url}${url!}`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('Mehr Ausbildung');
      expect(
        ((await (await b.api(`/api/boards/${boardId}/calendar`)).json()) as CalendarBody).created,
      ).toBe(false);

      const put = await a.api(`/api/boards/${boardId}/publication`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ versionId: version.id, title: 'Ergebnisse', text: '' }),
      });
      const { url: pageUrl } = (await put.json()) as { url: string };
      const page = await fetch(`${b.url}${pageUrl.replace('/p/', '/api/public/')}`);
      expect(page.status).toBe(200);
      expect(((await page.json()) as PublicPageBody).zielerklaerung.fields).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      for (const temp of temps) await temp.cleanup();
      await database.drop();
    }
  });
});
