import { createLogger, SqliteBoardStore, type BoardStore, type Logger } from '@werkraum/server';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, containsUpdate, type BoardClient } from '../support/clients.js';
import { makeDataDir, startServer, tokens } from '../support/server.js';
import { eventually } from '../support/wait.js';
import { duplicateTitles, editLoop, expectConverged, runCleanup, sleep } from './support.js';

/** The SQLite store with writes that fail on demand (a full or read-only disk). */
class FailingStore implements BoardStore {
  failing = false;
  failedWrites = 0;
  constructor(readonly inner: BoardStore) {}

  #check(): void {
    if (!this.failing) return;
    this.failedWrites++;
    throw new Error('SQLITE_READONLY: attempt to write a readonly database (simulated)');
  }
  async createBoard(...args: Parameters<BoardStore['createBoard']>) {
    this.#check();
    return this.inner.createBoard(...args);
  }
  async appendUpdates(...args: Parameters<BoardStore['appendUpdates']>) {
    this.#check();
    return this.inner.appendUpdates(...args);
  }
  async writeSnapshot(...args: Parameters<BoardStore['writeSnapshot']>) {
    this.#check();
    return this.inner.writeSnapshot(...args);
  }
  getBoard(...args: Parameters<BoardStore['getBoard']>) {
    return this.inner.getBoard(...args);
  }
  loadDoc(...args: Parameters<BoardStore['loadDoc']>) {
    return this.inner.loadDoc(...args);
  }
  findLink(...args: Parameters<BoardStore['findLink']>) {
    return this.inner.findLink(...args);
  }
  replaceLink(...args: Parameters<BoardStore['replaceLink']>) {
    return this.inner.replaceLink(...args);
  }
  enqueueHidden(...args: Parameters<BoardStore['enqueueHidden']>) {
    return this.inner.enqueueHidden(...args);
  }
  listHidden(...args: Parameters<BoardStore['listHidden']>) {
    return this.inner.listHidden(...args);
  }
  takeHidden(...args: Parameters<BoardStore['takeHidden']>) {
    return this.inner.takeHidden(...args);
  }
  deleteBoard(...args: Parameters<BoardStore['deleteBoard']>) {
    return this.inner.deleteBoard(...args);
  }
  listExpiredBoards(...args: Parameters<BoardStore['listExpiredBoards']>) {
    return this.inner.listExpiredBoards(...args);
  }
  addVersion(...args: Parameters<BoardStore['addVersion']>) {
    return this.inner.addVersion(...args);
  }
  listVersions(...args: Parameters<BoardStore['listVersions']>) {
    return this.inner.listVersions(...args);
  }
  getVersion(...args: Parameters<BoardStore['getVersion']>) {
    return this.inner.getVersion(...args);
  }
  getCalendarKey(...args: Parameters<BoardStore['getCalendarKey']>) {
    return this.inner.getCalendarKey(...args);
  }
  setCalendarKey(...args: Parameters<BoardStore['setCalendarKey']>) {
    return this.inner.setCalendarKey(...args);
  }
  getPublication(...args: Parameters<BoardStore['getPublication']>) {
    return this.inner.getPublication(...args);
  }
  findPublication(...args: Parameters<BoardStore['findPublication']>) {
    return this.inner.findPublication(...args);
  }
  putPublication(...args: Parameters<BoardStore['putPublication']>) {
    return this.inner.putPublication(...args);
  }
  deletePublication(...args: Parameters<BoardStore['deletePublication']>) {
    return this.inner.deletePublication(...args);
  }
  recordAttendance(...args: Parameters<BoardStore['recordAttendance']>) {
    return this.inner.recordAttendance(...args);
  }
  listAttendance(...args: Parameters<BoardStore['listAttendance']>) {
    return this.inner.listAttendance(...args);
  }
  close() {
    return this.inner.close();
  }
}

/** A logger that also remembers the messages logged at error level or above. */
function recordingLogger(errors: string[]): Logger {
  const wrap = (logger: Logger): Logger =>
    new Proxy(logger, {
      get(target, key, receiver) {
        if (key === 'child') {
          return (...args: Parameters<Logger['child']>) =>
            wrap(target.child(...args) as unknown as Logger);
        }
        if (key === 'error' || key === 'fatal') {
          return (obj: unknown, msg?: string) => {
            errors.push(typeof obj === 'string' ? obj : (msg ?? ''));
            (target[key] as (o: unknown, m?: string) => void).call(target, obj, msg);
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  return wrap(createLogger('silent'));
}

describe('faults: storage writes fail', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(() => runCleanup(cleanup));

  it('keeps the doc in memory, closes with 4500, refuses new boards with 503, retries and loses nothing', async () => {
    const dataDir = await makeDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const store = new FailingStore(new SqliteBoardStore({ dataDir }));
    const state = store;
    const errors: string[] = [];
    const s = await startServer({
      dataDir,
      store,
      logger: recordingLogger(errors),
      unloadDelayMs: 200,
    });
    let serverOpen = true;
    cleanup.push(() => (serverOpen ? s.close({ keepData: true }) : undefined));
    const board = await s.createBoard();
    const t = tokens(board);
    const clients: BoardClient[] = Array.from({ length: 6 }, (_, n) =>
      connectClient(s.wsUrl, board.id, { author: `c${n}`, token: t.facilitator }),
    );
    cleanup.push(() => clients.forEach((c) => c.destroy()));
    await Promise.all(clients.map((c) => c.whenSynced(10_000)));
    const field = clients[0]!.model.create('field', { content: { title: 'Gesundheit' } });
    await eventually(() => clients.forEach((c) => expect(c.model.has(field)).toBe(true)));

    const edits = editLoop(clients, field, 4);
    await sleep(1_000);
    state.failing = true;
    await sleep(3_000);

    // Reported: logged at error level, every client closed with 4500 (and reconnecting).
    expect(errors.some((m) => /storing board updates failed/.test(m))).toBe(true);
    for (const c of clients) expect(c.closes).toContain(4500);
    // Kept in memory: the board is still loaded with its uncommitted updates.
    expect(s.server.rooms.getLoaded(board.id)?.uncommittedCount ?? 0).toBeGreaterThan(0);
    // Retried: more than one failed write (clients reconnecting, the unload retry).
    expect(state.failedWrites).toBeGreaterThan(1);
    // New boards are refused clearly.
    const refused = await fetch(`${s.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: 'Stadt Beispiel', title: 'Neu' }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');

    await edits.stop();
    state.failing = false;
    // Writing works again: the clients reconnect (stock backoff) and everything converges.
    const late = connectClient(s.wsUrl, board.id, { token: t.facilitator });
    cleanup.push(() => late.destroy());
    await eventually(() => expectConverged([late.doc, ...clients.map((c) => c.doc)]), {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    await eventually(() =>
      expect(s.server.rooms.getLoaded(board.id)?.uncommittedCount ?? 0).toBe(0),
    );
    expect(late.model.list('measure')).toHaveLength(edits.total);
    expect(duplicateTitles(late.doc)).toEqual([]);
    const created = await s.createBoard();
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Durable: after a restart the store has every client's state.
    const states = clients.map((c) => Y.encodeStateAsUpdate(c.doc));
    clients.forEach((c) => c.provider.disconnect());
    late.provider.disconnect();
    serverOpen = false;
    await s.close({ keepData: true });
    const again = await startServer({ dataDir });
    cleanup.push(() => again.close({ keepData: true }));
    const reader = connectClient(again.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => reader.destroy());
    await reader.whenSynced();
    expect(states.filter((update) => !containsUpdate(reader.doc, update))).toHaveLength(0);
    expect(reader.model.list('measure')).toHaveLength(edits.total);
    console.info(
      `[faults] storage failure: ${state.failedWrites} failed writes, ${edits.total} measures, lost 0`,
    );
  });
});
