import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BoardModel,
  deriveAuthorId,
  readSession,
  type Role,
  type SessionSettings,
} from '@werkraum/model';
import { io as connectClient, type Socket } from 'socket.io-client';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { SessionEvent } from '../protocol.js';
import {
  makeTempDir,
  openRawSocket,
  sleep,
  startTestServer,
  syncStep1Frame,
  waitFor,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';
import type { PresenceState } from '../transports/socketio.js';

type AnyAck = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string } };

describe('live session commands (socket.io)', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;
  let boardId: string;
  const sockets: Socket[] = [];
  const raws: WebSocket[] = [];

  const connect = (role: Role = 'facilitator', author?: string): Socket => {
    const socket = connectClient(t.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { boardId, token: t.token(boardId, role), ...(author ? { author } : {}) },
    });
    sockets.push(socket);
    return socket;
  };
  const ask = (socket: Socket, event: string, payload: unknown = {}): Promise<AnyAck> =>
    socket.timeout(5_000).emitWithAck(event, payload) as Promise<AnyAck>;
  /** Every event a socket receives, as JSON (for "nothing leaked" checks). */
  const record = (socket: Socket): { events: string[] } => {
    const log = { events: [] as string[] };
    socket.onAny((event: string, ...args: unknown[]) =>
      log.events.push(JSON.stringify([event, ...args])),
    );
    return log;
  };
  /** A synced y-websocket doc of the board (stock provider). */
  const syncedDoc = async (role: Role = 'viewer', author?: string): Promise<Y.Doc> => {
    const doc = new Y.Doc();
    const provider = t.provider(boardId, { doc, role, ...(author ? { author } : {}) });
    await waitForSynced(provider);
    return doc;
  };
  /** A raw document connection that keeps every frame it receives. */
  const rawFrames = async (role: Role): Promise<Buffer[]> => {
    const ws = await openRawSocket(t.docUrl(boardId, { role }));
    raws.push(ws);
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    ws.send(syncStep1Frame(new Y.Doc()));
    return frames;
  };
  const session = (ack: AnyAck): SessionSettings => {
    if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
    return ack.session as SessionSettings;
  };
  /** Creates items as the facilitator, directly in the loaded board (committed). */
  const seed = <T>(fn: (model: BoardModel) => T): Promise<T> =>
    t.server.rooms.change(boardId, (room) => fn(new BoardModel(room.doc)));

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir });
    boardId = await t.createBoard();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const ws of raws.splice(0)) ws.close();
    await t.close();
    await cleanup();
  });

  describe('session settings', () => {
    it('lets only the facilitator run the session, and changes nothing on refusal', async () => {
      const field = await seed((m) => m.create('field', { content: { title: 'Arbeit' } }));
      const doc = await syncedDoc();
      const before = readSession(doc);
      const commands: [string, unknown][] = [
        [SessionEvent.OpenStep, { step: 3 }],
        [SessionEvent.SetEditAll, { allowed: true }],
        [SessionEvent.Agenda, { text: 'Pause' }],
        [SessionEvent.Focus, { target: { kind: 'field', id: field } }],
        [SessionEvent.Lock, { scope: 'board', locked: true }],
        [SessionEvent.Collect, { enabled: true }],
        [SessionEvent.TimerStart, { minutes: 5 }],
        [SessionEvent.TimerPause, {}],
        [SessionEvent.TimerResume, {}],
        [SessionEvent.TimerReset, {}],
        [SessionEvent.TimerAdd, { minutes: 1 }],
        [SessionEvent.VoteStart, { fieldId: field, dotsPerPerson: 3 }],
        [SessionEvent.VoteReveal, {}],
        [SessionEvent.VoteCancel, {}],
        [SessionEvent.CollectList, {}],
        [SessionEvent.CollectReveal, { ids: ['AAAAAAAAAAAAAAAA'] }],
        [SessionEvent.CollectDiscard, { ids: ['AAAAAAAAAAAAAAAA'] }],
      ];
      for (const role of ['steering', 'participant', 'viewer'] as const) {
        const socket = connect(role);
        for (const [event, payload] of commands) {
          expect(await ask(socket, event, payload), `${role} ${event}`).toMatchObject({
            ok: false,
            error: { code: 'forbidden' },
          });
        }
      }
      const viewer = connect('viewer');
      for (const event of [SessionEvent.VoteCast, SessionEvent.VoteRetract]) {
        expect(await ask(viewer, event, { itemId: field })).toMatchObject({
          error: { code: 'forbidden' },
        });
      }
      expect(await ask(viewer, SessionEvent.VoteMine)).toMatchObject({
        error: { code: 'forbidden' },
      });
      for (const role of ['facilitator', 'viewer'] as const) {
        const payload = { kind: 'need', parentId: null, content: { text: 'x' } };
        expect(await ask(connect(role), SessionEvent.CollectSubmit, payload)).toMatchObject({
          error: { code: 'forbidden' },
        });
      }
      await sleep(100);
      expect(readSession(doc)).toEqual(before);
    });

    it('validates payloads strictly (bad_request, nothing changed)', async () => {
      const doc = await syncedDoc();
      const before = readSession(doc);
      const facilitator = connect();
      const bad: [string, unknown][] = [
        [SessionEvent.OpenStep, { step: 11 }],
        [SessionEvent.OpenStep, { step: 3, extra: true }],
        [SessionEvent.OpenStep, 'x'],
        [SessionEvent.SetEditAll, { allowed: 'yes' }],
        [SessionEvent.Agenda, { text: 'x'.repeat(201) }],
        [SessionEvent.Focus, { target: { kind: 'board', id: 'step-1' } }],
        [SessionEvent.Focus, { target: { kind: 'step', id: 'not an id' } }],
        [SessionEvent.Lock, { scope: 'field', locked: true }],
        [SessionEvent.Lock, { scope: 'board', locked: true, fieldId: 'step-1' }],
        [SessionEvent.Collect, {}],
        [SessionEvent.TimerStart, { minutes: 0.25 }],
        [SessionEvent.TimerStart, { minutes: 241 }],
        [SessionEvent.TimerAdd, { minutes: -61 }],
        [SessionEvent.TimerPause, { now: 1 }],
        [SessionEvent.VoteStart, { fieldId: 'step-1', dotsPerPerson: 11 }],
        [SessionEvent.CollectReveal, { ids: [] }],
        [SessionEvent.ClockSync, { at: 1 }],
      ];
      for (const [event, payload] of bad) {
        expect(await ask(facilitator, event, payload), event).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        });
      }
      await sleep(100);
      expect(readSession(doc)).toEqual(before);
    });

    it('writes the settings into every board doc', async () => {
      const { field, goal } = await seed((m) => {
        const f = m.create('field', { content: { title: 'Arbeit' } });
        return { field: f, goal: m.create('goal', { parentId: f, content: { title: 'Ziel' } }) };
      });
      const doc = await syncedDoc('participant');
      const facilitator = connect();
      expect(session(await ask(facilitator, SessionEvent.OpenStep, { step: 5 })).openStep).toBe(5);
      expect(
        session(await ask(facilitator, SessionEvent.SetEditAll, { allowed: true }))
          .participantsMayEditAll,
      ).toBe(true);
      expect(session(await ask(facilitator, SessionEvent.Agenda, { text: 'Ziele' })).agenda).toBe(
        'Ziele',
      );
      expect(session(await ask(facilitator, SessionEvent.Collect, { enabled: true })).collect).toBe(
        true,
      );

      // Focus: the target must exist and be of the named kind.
      expect(
        await ask(facilitator, SessionEvent.Focus, {
          target: { kind: 'item', id: 'AAAAAAAAAAAAAAAA' },
        }),
      ).toMatchObject({ error: { code: 'not_found' } });
      expect(
        await ask(facilitator, SessionEvent.Focus, { target: { kind: 'field', id: goal } }),
      ).toMatchObject({ error: { code: 'bad_request' } });
      for (const target of [
        { kind: 'step', id: 'step-5' },
        { kind: 'field', id: field },
        { kind: 'item', id: goal },
      ]) {
        expect(session(await ask(facilitator, SessionEvent.Focus, { target })).focus).toEqual(
          target,
        );
      }

      // Locks: the board, and fields (which must exist to be locked).
      expect(
        session(await ask(facilitator, SessionEvent.Lock, { scope: 'board', locked: true })).lock,
      ).toEqual({ board: true, fields: [] });
      expect(
        await ask(facilitator, SessionEvent.Lock, { scope: 'field', fieldId: goal, locked: true }),
      ).toMatchObject({ error: { code: 'not_found' } });
      const lockField = { scope: 'field', fieldId: field, locked: true };
      await ask(facilitator, SessionEvent.Lock, lockField);
      expect(session(await ask(facilitator, SessionEvent.Lock, lockField)).lock).toEqual({
        board: true,
        fields: [field],
      });
      expect(
        session(await ask(facilitator, SessionEvent.Lock, { ...lockField, locked: false })).lock,
      ).toEqual({ board: true, fields: [] });

      await waitFor(() =>
        expect(readSession(doc)).toMatchObject({
          openStep: 5,
          participantsMayEditAll: true,
          agenda: 'Ziele',
          collect: true,
          focus: { kind: 'item', id: goal },
          lock: { board: true, fields: [] },
        }),
      );
    });

    it('runs the timer on the server clock; clock:sync answers the server time', async () => {
      const facilitator = connect();
      const viewer = connect('viewer');
      const before = Date.now();
      const sync = await ask(viewer, SessionEvent.ClockSync);
      expect(sync.ok && (sync.serverTime as number)).toBeGreaterThanOrEqual(before);
      expect(sync.ok && (sync.serverTime as number)).toBeLessThanOrEqual(Date.now());

      const startedAt = Date.now();
      const running = session(
        await ask(facilitator, SessionEvent.TimerStart, { minutes: 5 }),
      ).timer;
      expect(running).toMatchObject({ status: 'running', durationMs: 300_000 });
      const endsAt = running.status === 'running' ? running.endsAt : 0;
      expect(endsAt).toBeGreaterThanOrEqual(startedAt + 300_000);
      expect(endsAt).toBeLessThanOrEqual(Date.now() + 300_000);

      await sleep(50);
      const paused = session(await ask(facilitator, SessionEvent.TimerPause)).timer;
      expect(paused.status).toBe('paused');
      const remaining = paused.status === 'paused' ? paused.remainingMs : 0;
      expect(remaining).toBeLessThan(300_000 - 40);
      expect(remaining).toBeGreaterThan(300_000 - 5_000);

      const added = session(await ask(facilitator, SessionEvent.TimerAdd, { minutes: 1 })).timer;
      expect(added).toEqual({
        status: 'paused',
        durationMs: 360_000,
        remainingMs: remaining + 60_000,
      });

      const resumedAt = Date.now();
      const resumed = session(await ask(facilitator, SessionEvent.TimerResume)).timer;
      expect(resumed.status).toBe('running');
      const resumedEnd = resumed.status === 'running' ? resumed.endsAt : 0;
      expect(resumedEnd).toBeGreaterThanOrEqual(resumedAt + remaining + 60_000);
      expect(resumedEnd).toBeLessThanOrEqual(Date.now() + remaining + 60_000);

      const less = session(await ask(facilitator, SessionEvent.TimerAdd, { minutes: -60 })).timer;
      expect(less).toMatchObject({ status: 'running', durationMs: 0 });
      expect(session(await ask(facilitator, SessionEvent.TimerReset)).timer).toEqual({
        status: 'idle',
        durationMs: 0,
      });
      const doc = await syncedDoc();
      expect(readSession(doc).timer).toEqual({ status: 'idle', durationMs: 0 });
    });
  });

  describe('presence', () => {
    it('shows names only to facilitator and steering group, counts to everyone', async () => {
      const facilitator = connect();
      const steering = connect('steering');
      const participant = connect('participant');
      const viewer = connect('viewer');
      const states = new Map<Socket, PresenceState[]>();
      for (const socket of [facilitator, steering, participant, viewer]) {
        const list: PresenceState[] = [];
        states.set(socket, list);
        socket.on(SessionEvent.PresenceState, (state: PresenceState) => list.push(state));
      }
      expect(
        await ask(participant, SessionEvent.PresenceUpdate, {
          name: 'Amina',
          color: '#1F5FA8',
          editing: null,
        }),
      ).toEqual({ ok: true });
      const counts = { facilitator: 1, steering: 1, participant: 1, viewer: 1, total: 4 };
      for (const socket of [facilitator, steering]) {
        await waitFor(() => {
          const last = states.get(socket)?.at(-1);
          expect(last?.counts).toEqual(counts);
          expect(last?.people?.find((p) => p.role === 'participant')).toMatchObject({
            name: 'Amina',
            color: '#1f5fa8',
            editing: null,
          });
        });
      }
      for (const socket of [participant, viewer]) {
        await waitFor(() => expect(states.get(socket)?.at(-1)?.counts).toEqual(counts));
        expect(JSON.stringify(states.get(socket))).not.toContain('Amina');
        expect(states.get(socket)?.every((s) => s.people === undefined)).toBe(true);
      }
      // The member id is not the socket.io id.
      const people = states.get(facilitator)?.at(-1)?.people ?? [];
      expect(people.map((p) => p.id)).not.toContain(participant.id);

      participant.disconnect();
      await waitFor(() => {
        const last = states.get(facilitator)?.at(-1);
        expect(last?.counts).toMatchObject({ participant: 0, total: 3 });
        expect(last?.people?.map((p) => p.name)).not.toContain('Amina');
      });
      await waitFor(() =>
        expect(states.get(viewer)?.at(-1)?.counts).toMatchObject({ participant: 0, total: 3 }),
      );
    });

    it('refuses names with control or bidi-override characters, bad colours and ids', async () => {
      const socket = connect('participant');
      const valid = { name: 'Gast 4821', color: '#00aa00', editing: null };
      for (const payload of [
        { ...valid, name: '' },
        { ...valid, name: '   ' },
        { ...valid, name: 'x'.repeat(81) },
        { ...valid, name: 'Ali\u0007' },
        { ...valid, name: 'Ali\n' },
        { ...valid, name: 'evil\u202Egnp.exe' },
        { ...valid, name: 'iso\u2067late' },
        { ...valid, color: 'red' },
        { ...valid, color: '#12345' },
        { ...valid, editing: 'nope' },
        { ...valid, extra: 1 },
      ]) {
        expect(await ask(socket, SessionEvent.PresenceUpdate, payload)).toMatchObject({
          error: { code: 'bad_request' },
        });
      }
      expect(await ask(socket, SessionEvent.PresenceUpdate, valid)).toEqual({ ok: true });
      expect(
        await ask(socket, SessionEvent.PresenceUpdate, { ...valid, name: 'Ülkü 😀'.repeat(10) }),
      ).toEqual({ ok: true });
    });
  });

  describe('votes', () => {
    const secret = (n: number) => `device-secret-of-voter-${n}-00000`;

    it('limits dots, keeps ballots secret, reveals only totals, and deletes the ballots', async () => {
      const { field, g1, g2, other, need } = await seed((m) => {
        const f = m.create('field', { content: { title: 'Arbeit' } });
        const f2 = m.create('field', { content: { title: 'Wohnen' } });
        return {
          field: f,
          g1: m.create('goal', { parentId: f, content: { title: 'Anerkennung' } }),
          g2: m.create('measure', { parentId: f, content: { title: 'Sprachkurse' } }),
          other: m.create('goal', { parentId: f2, content: { title: 'Wohnungen' } }),
          need: m.create('need', { parentId: f, content: { text: 'Beratung' } }),
        };
      });
      const doc = await syncedDoc();
      const frames = await rawFrames('participant');
      const facilitator = connect();
      const voters = [1, 2, 3].map((n) => connect('participant', secret(n)));
      const anonymous = connect('steering');
      const logs = [facilitator, anonymous, ...voters].map(record);
      expect(await ask(voters[0]!, SessionEvent.VoteCast, { itemId: g1 })).toMatchObject({
        error: { code: 'forbidden' },
      });

      const started = session(
        await ask(facilitator, SessionEvent.VoteStart, { fieldId: field, dotsPerPerson: 2 }),
      ).vote;
      expect(started).toMatchObject({
        fieldId: field,
        dotsPerPerson: 2,
        status: 'open',
        revealedAt: null,
        counts: null,
        voters: null,
      });
      const [v1, v2, v3] = voters as [Socket, Socket, Socket];
      expect(await ask(v1, SessionEvent.VoteCast, { itemId: g1 })).toEqual({
        ok: true,
        mine: [g1],
        remaining: 1,
      });
      expect(await ask(v1, SessionEvent.VoteCast, { itemId: g1 })).toEqual({
        ok: true,
        mine: [g1, g1],
        remaining: 0,
      });
      expect(await ask(v1, SessionEvent.VoteCast, { itemId: g2 })).toMatchObject({
        error: { code: 'forbidden' },
      });
      // Only goals, measures and Ist-Stand of the round's field.
      expect(await ask(v2, SessionEvent.VoteCast, { itemId: other })).toMatchObject({
        error: { code: 'bad_request' },
      });
      expect(await ask(v2, SessionEvent.VoteCast, { itemId: need })).toMatchObject({
        error: { code: 'bad_request' },
      });
      expect(await ask(v2, SessionEvent.VoteCast, { itemId: 'AAAAAAAAAAAAAAAA' })).toMatchObject({
        error: { code: 'not_found' },
      });
      expect(await ask(v2, SessionEvent.VoteCast, { itemId: g2 })).toMatchObject({ ok: true });
      expect(await ask(v3, SessionEvent.VoteCast, { itemId: g2 })).toMatchObject({ ok: true });
      expect(await ask(v3, SessionEvent.VoteRetract, { itemId: g2 })).toEqual({
        ok: true,
        mine: [],
        remaining: 2,
      });
      expect(await ask(v3, SessionEvent.VoteCast, { itemId: g1 })).toMatchObject({ ok: true });
      // A voter without an author secret votes as their socket.
      expect(await ask(anonymous, SessionEvent.VoteCast, { itemId: g2 })).toMatchObject({
        ok: true,
      });
      expect(await ask(anonymous, SessionEvent.VoteMine)).toEqual({
        ok: true,
        mine: [g2],
        remaining: 1,
      });
      // Another socket of the same device shares the ballot.
      const again = connect('participant', secret(1));
      expect(await ask(again, SessionEvent.VoteMine)).toEqual({
        ok: true,
        mine: [g1, g1],
        remaining: 0,
      });

      await sleep(100);
      expect(readSession(doc).vote).toMatchObject({ status: 'open', counts: null, voters: null });
      const noBallots = (text: string) => {
        expect(text).not.toContain(g1);
        expect(text).not.toContain(g2);
        for (const n of [1, 2, 3]) expect(text).not.toContain(deriveAuthorId(secret(n)));
      };
      for (const log of logs) noBallots(log.events.join('\n'));
      const counted = session(await ask(facilitator, SessionEvent.VoteReveal));
      expect(counted.vote).toMatchObject({
        id: started?.id,
        status: 'revealed',
        counts: { [g1]: 3, [g2]: 2 },
        voters: 4,
      });
      expect(counted.vote?.revealedAt).toEqual(expect.any(Number));
      await waitFor(() => expect(readSession(doc).vote?.status).toBe('revealed'));
      // Nothing but totals: no author ids in the doc, nothing on the document frames but the
      // counts, and no ballot in any socket.io event.
      const docJson = JSON.stringify(doc.getMap('meta').toJSON());
      for (const n of [1, 2, 3]) expect(docJson).not.toContain(deriveAuthorId(secret(n)));
      for (const n of [1, 2, 3]) {
        const id = Buffer.from(deriveAuthorId(secret(n)));
        expect(frames.some((frame) => frame.includes(id))).toBe(false);
      }
      for (const log of logs) {
        for (const n of [1, 2, 3]) {
          expect(log.events.join('\n')).not.toContain(deriveAuthorId(secret(n)));
        }
        expect(log.events.join('\n')).not.toContain('"mine"');
      }
      // The ballots are gone: a new round starts empty and nobody sees the old dots.
      expect(await ask(v1, SessionEvent.VoteMine)).toEqual({ ok: true, mine: [], remaining: 0 });
      expect(await ask(facilitator, SessionEvent.VoteReveal)).toMatchObject({
        error: { code: 'forbidden' },
      });
      session(await ask(facilitator, SessionEvent.VoteStart, { fieldId: field, dotsPerPerson: 1 }));
      expect(await ask(v1, SessionEvent.VoteMine)).toEqual({ ok: true, mine: [], remaining: 1 });
    });

    it('cancels a round: ballots deleted, no counts', async () => {
      const { field, goal } = await seed((m) => {
        const f = m.create('field', { content: { title: 'Arbeit' } });
        return { field: f, goal: m.create('istStand', { parentId: f, content: { text: 'Ist' } }) };
      });
      const facilitator = connect();
      const voter = connect('participant', secret(9));
      session(await ask(facilitator, SessionEvent.VoteStart, { fieldId: field, dotsPerPerson: 3 }));
      expect(await ask(voter, SessionEvent.VoteCast, { itemId: goal })).toMatchObject({ ok: true });
      const cancelled = session(await ask(facilitator, SessionEvent.VoteCancel)).vote;
      expect(cancelled).toMatchObject({ status: 'cancelled', counts: null, voters: null });
      expect(await ask(voter, SessionEvent.VoteCast, { itemId: goal })).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(await ask(voter, SessionEvent.VoteMine)).toEqual({ ok: true, mine: [], remaining: 0 });
      expect(await ask(facilitator, SessionEvent.VoteCancel)).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(
        await ask(facilitator, SessionEvent.VoteStart, { fieldId: goal, dotsPerPerson: 3 }),
      ).toMatchObject({ error: { code: 'not_found' } });
    });
  });

  describe('moderated collection', () => {
    const authorSecret = 'device-secret-of-the-author-0001';

    it('keeps submissions out of every participant doc and event until revealed', async () => {
      const field = await seed((m) => m.create('field', { content: { title: 'Verwaltung' } }));
      const facilitator = connect();
      const queueEvents: { boardId: string; count: number }[] = [];
      facilitator.on(SessionEvent.CollectQueue, (event: { boardId: string; count: number }) =>
        queueEvents.push(event),
      );
      const author = connect('participant', authorSecret);
      const other = connect('participant');
      const otherLog = record(other);
      const authorLog = record(author);
      const otherDoc = await syncedDoc('participant');
      const otherFrames = await rawFrames('participant');
      const submission = { kind: 'need', parentId: field, content: { text: 'Dolmetschung' } };

      // Not while collection is off or no step is open.
      expect(await ask(author, SessionEvent.CollectSubmit, submission)).toMatchObject({
        error: { code: 'forbidden' },
      });
      await ask(facilitator, SessionEvent.Collect, { enabled: true });
      expect(await ask(author, SessionEvent.CollectSubmit, submission)).toMatchObject({
        error: { code: 'forbidden' },
      });
      await ask(facilitator, SessionEvent.OpenStep, { step: 3 });
      // Only kinds of the open step, valid parents and content.
      for (const [payload, code] of [
        [{ ...submission, kind: 'goal', content: { title: 'x' } }, 'forbidden'],
        [{ ...submission, parentId: 'step-3' }, 'bad_request'],
        [{ ...submission, parentId: 'AAAAAAAAAAAAAAAA' }, 'not_found'],
        [{ ...submission, content: { text: 'x', bogus: 1 } }, 'bad_request'],
        [{ ...submission, content: { text: 'x'.repeat(2_001) } }, 'bad_request'],
        [{ ...submission, content: { lang: 'not a language' } }, 'bad_request'],
      ] as const) {
        expect(await ask(author, SessionEvent.CollectSubmit, payload)).toMatchObject({
          error: { code },
        });
      }

      await ask(author, SessionEvent.PresenceUpdate, {
        name: 'Farid',
        color: '#1f5fa8',
        editing: null,
      });
      const submitted = await ask(author, SessionEvent.CollectSubmit, submission);
      expect(submitted).toEqual({ ok: true, id: expect.any(String) });
      const anonymous = await ask(other, SessionEvent.CollectSubmit, {
        kind: 'need',
        parentId: null,
        content: { text: 'Ohne Namen', lang: 'ar' },
      });
      expect(anonymous).toMatchObject({ ok: true });
      await waitFor(() => expect(queueEvents.at(-1)).toEqual({ boardId, count: 2 }));

      const listed = await ask(facilitator, SessionEvent.CollectList);
      expect(listed.ok && listed.items).toEqual([
        {
          id: submitted.ok ? submitted.id : '',
          kind: 'need',
          parentId: field,
          content: { text: 'Dolmetschung', lang: 'de' },
          servesId: null,
          authorName: 'Farid',
          submittedAt: expect.any(Number),
        },
        expect.objectContaining({ authorName: 'Gast', parentId: null }),
      ]);
      expect(await ask(other, SessionEvent.CollectList)).toMatchObject({
        error: { code: 'forbidden' },
      });

      await sleep(200);
      const hidden = Buffer.from('Dolmetschung');
      expect(otherFrames.length).toBeGreaterThan(0);
      expect(otherFrames.some((frame) => frame.includes(hidden))).toBe(false);
      expect(new BoardModel(otherDoc).list('need')).toEqual([]);
      for (const log of [otherLog, authorLog]) {
        expect(log.events.join('\n')).not.toContain('Dolmetschung');
        expect(log.events.join('\n')).not.toContain(SessionEvent.CollectQueue);
      }

      const ids = listed.ok ? (listed.items as { id: string }[]).map((i) => i.id) : [];
      const revealed = await ask(facilitator, SessionEvent.CollectReveal, { ids: [ids[0]] });
      expect(revealed).toEqual({ ok: true, revealed: [expect.any(String)], skipped: [] });
      await waitFor(() =>
        expect(
          new BoardModel(otherDoc).list('need').map((n) => [n.text, n.createdBy, n.createdById]),
        ).toEqual([['Dolmetschung', 'Farid', deriveAuthorId(authorSecret)]]),
      );
      const facilitatorDoc = await syncedDoc('facilitator');
      expect(new BoardModel(facilitatorDoc).list('need').map((n) => n.id)).toEqual(
        revealed.ok ? revealed.revealed : [],
      );
      await waitFor(() => expect(queueEvents.at(-1)).toEqual({ boardId, count: 1 }));

      expect(await ask(facilitator, SessionEvent.CollectDiscard, { ids })).toEqual({
        ok: true,
        discarded: 1,
      });
      expect(await ask(facilitator, SessionEvent.CollectList)).toEqual({ ok: true, items: [] });
      await sleep(100);
      expect(otherFrames.some((frame) => frame.includes(Buffer.from('Ohne Namen')))).toBe(false);
    });

    it('skips items whose parent vanished, and refuses submissions into locked fields', async () => {
      const field = await seed((m) => m.create('field', { content: { title: 'Arbeit' } }));
      const facilitator = connect();
      const participant = connect('participant', authorSecret);
      await ask(facilitator, SessionEvent.OpenStep, { step: 5 });
      await ask(facilitator, SessionEvent.Collect, { enabled: true });
      const goal = await ask(participant, SessionEvent.CollectSubmit, {
        kind: 'goal',
        parentId: field,
        content: { title: 'Anerkennung' },
      });
      expect(goal).toMatchObject({ ok: true });
      await ask(facilitator, SessionEvent.Lock, { scope: 'field', fieldId: field, locked: true });
      expect(
        await ask(participant, SessionEvent.CollectSubmit, {
          kind: 'goal',
          parentId: field,
          content: { title: 'Noch eins' },
        }),
      ).toMatchObject({ error: { code: 'forbidden' } });
      await seed((m) => m.delete(field));
      const revealed = await ask(facilitator, SessionEvent.CollectReveal, {
        ids: [goal.ok ? goal.id : ''],
      });
      expect(revealed).toEqual({ ok: true, revealed: [], skipped: [goal.ok ? goal.id : ''] });
      expect(await ask(facilitator, SessionEvent.CollectList)).toEqual({ ok: true, items: [] });
    });

    it('a measure submitted under a goal serves that goal once it is shown', async () => {
      const [field, goal, otherGoal] = await seed((m) => {
        const f = m.create('field', { content: { title: 'Arbeit' } });
        const g = m.create('goal', { parentId: f, content: { title: 'Mehr Ausbildung' } });
        const other = m.create('field', { content: { title: 'Wohnen' } });
        return [f, g, m.create('goal', { parentId: other, content: { title: 'Wohnraum' } })];
      });
      const facilitator = connect();
      const participant = connect('participant', authorSecret);
      await ask(facilitator, SessionEvent.OpenStep, { step: 5 });
      await ask(facilitator, SessionEvent.Collect, { enabled: true });
      const measure = { kind: 'measure', parentId: field, content: { title: 'Ausbildungsmesse' } };
      // The goal must be a goal of the measure's field, and only measures serve goals.
      for (const [payload, code] of [
        [{ ...measure, servesId: otherGoal }, 'bad_request'],
        [{ ...measure, servesId: field }, 'bad_request'],
        [{ ...measure, servesId: 'AAAAAAAAAAAAAAAA' }, 'not_found'],
        [{ kind: 'goal', parentId: field, content: { title: 'x' }, servesId: goal }, 'bad_request'],
      ] as const) {
        expect(await ask(participant, SessionEvent.CollectSubmit, payload)).toMatchObject({
          error: { code },
        });
      }
      const submitted = await ask(participant, SessionEvent.CollectSubmit, {
        ...measure,
        servesId: goal,
      });
      const plain = await ask(participant, SessionEvent.CollectSubmit, {
        ...measure,
        content: { title: 'Sprachkurs' },
      });
      const listed = await ask(facilitator, SessionEvent.CollectList);
      const items = (listed.ok ? listed.items : []) as { servesId: string | null }[];
      expect(items.map((i) => i.servesId)).toEqual([goal, null]);

      const ids = [submitted, plain].map((ack) => (ack.ok ? (ack.id as string) : ''));
      const revealed = await ask(facilitator, SessionEvent.CollectReveal, { ids });
      expect(revealed).toMatchObject({ ok: true, skipped: [] });
      const doc = await syncedDoc('facilitator');
      const model = new BoardModel(doc);
      const byTitle = new Map(model.list('measure').map((m) => [m.title, m.id]));
      const serving = model
        .list('link')
        .filter((link) => link.type === 'serves' && link.to === goal)
        .map((link) => link.from);
      expect(serving).toEqual([byTitle.get('Ausbildungsmesse')]);
    });

    it("tells only the submitter's devices which of their items were discarded", async () => {
      const field = await seed((m) => m.create('field', { content: { title: 'Arbeit' } }));
      const facilitator = connect();
      const phone = connect('participant', authorSecret);
      const laptop = connect('participant', authorSecret);
      const someoneElse = connect('participant', 'c'.repeat(43));
      const logs = [phone, laptop, someoneElse, facilitator].map(record);
      await ask(facilitator, SessionEvent.OpenStep, { step: 3 });
      await ask(facilitator, SessionEvent.Collect, { enabled: true });
      const need = (text: string) => ({ kind: 'need', parentId: field, content: { text } });
      const mine = await ask(phone, SessionEvent.CollectSubmit, need('Kita-Plätze'));
      const kept = await ask(phone, SessionEvent.CollectSubmit, need('Sprachcafé'));
      const theirs = await ask(someoneElse, SessionEvent.CollectSubmit, need('Beratung'));
      const id = (ack: AnyAck) => (ack.ok ? (ack.id as string) : '');
      await ask(facilitator, SessionEvent.CollectDiscard, { ids: [id(mine), id(theirs)] });
      const discarded = (log: { events: string[] }) =>
        log.events
          .map((line) => JSON.parse(line) as [string, { boardId: string; ids: string[] }])
          .filter(([event]) => event === SessionEvent.CollectDiscarded)
          .map(([, payload]) => payload);
      await waitFor(() => expect(discarded(logs[0]!)).toHaveLength(1));
      await waitFor(() => expect(discarded(logs[1]!)).toHaveLength(1));
      await waitFor(() => expect(discarded(logs[2]!)).toHaveLength(1));
      expect(discarded(logs[0]!)).toEqual([{ boardId, ids: [id(mine)] }]);
      expect(discarded(logs[1]!)).toEqual([{ boardId, ids: [id(mine)] }]);
      expect(discarded(logs[2]!)).toEqual([{ boardId, ids: [id(theirs)] }]);
      expect(discarded(logs[3]!)).toEqual([]);
      const left = await ask(facilitator, SessionEvent.CollectList);
      expect(left.ok && (left.items as { id: string }[]).map((i) => i.id)).toEqual([id(kept)]);
    });
  });
});
