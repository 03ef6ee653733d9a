/**
 * Test support (not part of the build): temp dirs, a real server on port 0, y-websocket
 * providers, fake connections, a store wrapper that counts and can fail or hold writes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@werkraum/model';
import type { Connection } from '../board-room.js';
import { createLogger } from '../logger.js';
import { MessageType, SyncMessageType } from '../protocol.js';
import {
  createWerkraumServer,
  type WerkraumServer,
  type WerkraumServerOptions,
} from '../server.js';
import type {
  AppendOptions,
  BoardMeta,
  BoardStore,
  HiddenItem,
  NewLink,
} from '../storage/types.js';
import type { CreatedBoardBody } from '../transports/http.js';

export const silentLogger = createLogger('silent');

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'werkraum-server-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Retries `check` until it stops throwing (or returns true), or fails after `timeoutMs`. */
export async function waitFor(
  check: () => unknown | Promise<unknown>,
  { timeoutMs = 5_000, intervalMs = 10 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const result = await check();
      if (result !== false) return;
      failure = new Error('condition still false');
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Lets the event loop run a few turns (group commits happen on setImmediate). */
export const settle = async (turns = 3): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

export interface ProviderOptions {
  doc?: Y.Doc;
  /** Whose link to use (default: facilitator); ignored when `token` is given. */
  role?: Role;
  /** An explicit token ('' = none). */
  token?: string;
  /** The device's author secret. */
  author?: string;
}

export interface TestServer {
  server: WerkraumServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Creates a board over HTTP and remembers its links; resolves its id. */
  createBoard(input?: { municipality?: string; title?: string }): Promise<string>;
  /** The create answer of a board made with `createBoard`. */
  created(boardId: string): CreatedBoardBody;
  /** Remembers the links of a board created elsewhere (e.g. by a previous server). */
  adopt(body: CreatedBoardBody): void;
  /** The current token of a role's link (updated by `rotate`). */
  token(boardId: string, role?: Role): string;
  /** Rotates a role's link over HTTP (as the facilitator); resolves the new token. */
  rotate(boardId: string, role: Role): Promise<string>;
  /** fetch against the server with `Authorization: Bearer <token of role>` (unless role null). */
  api(
    path: string,
    init?: RequestInit & { role?: Role | null; boardId?: string },
  ): Promise<Response>;
  /** A raw WebSocket URL for a board with the role's token and optional author secret. */
  docUrl(boardId: string, options?: { role?: Role; token?: string; author?: string }): string;
  provider(boardId: string, options?: Y.Doc | ProviderOptions): WebsocketProvider;
  /** Closes providers and the server (idempotent). */
  close(): Promise<void>;
}

/**
 * A real server on port 0 with SQLite in `dataDir` (a new temp dir unless given). The HTTP
 * write limit is raised (tests create many boards from one IP) unless `options` set it; pass
 * `httpWriteLimitPerMinute: undefined` to get the default.
 */
export async function startTestServer(
  options: WerkraumServerOptions & { dataDir: string },
): Promise<TestServer> {
  const server = createWerkraumServer({
    port: 0,
    host: '127.0.0.1',
    serveWeb: false,
    logger: silentLogger,
    retentionSweepIntervalMs: 0,
    httpWriteLimitPerMinute: 10_000,
    ...options,
  });
  const { url } = await server.listen();
  const wsUrl = `${url.replace(/^http/, 'ws')}/yjs`;
  const providers: WebsocketProvider[] = [];
  const boards = new Map<string, CreatedBoardBody>();
  const tokens = new Map<string, Record<Role, string>>();
  let closed: Promise<void> | null = null;
  const tokenOf = (boardId: string, role: Role = 'facilitator'): string => {
    const known = tokens.get(boardId);
    if (!known) throw new Error('token: board not created by this test server');
    return known[role];
  };
  const api: TestServer['api'] = (path, init = {}) => {
    const { role = 'facilitator', boardId, headers, ...rest } = init;
    const id = boardId ?? /\/api\/boards\/([A-Za-z0-9_-]{22})/.exec(path)?.[1];
    const auth: Record<string, string> =
      role !== null && id !== undefined && tokens.has(id)
        ? { authorization: `Bearer ${tokenOf(id, role)}` }
        : {};
    return fetch(`${url}${path}`, {
      ...rest,
      headers: { ...auth, ...(headers as Record<string, string> | undefined) },
    });
  };
  const adopt = (body: CreatedBoardBody): void => {
    boards.set(body.id, body);
    tokens.set(body.id, {
      facilitator: body.links.facilitator.token,
      steering: body.links.steering.token,
      participant: body.links.participant.token,
      viewer: body.links.viewer.token,
    });
  };
  const docUrl: TestServer['docUrl'] = (boardId, opts = {}) => {
    const params = new URLSearchParams();
    const token = opts.token ?? (tokens.has(boardId) ? tokenOf(boardId, opts.role) : '');
    if (token !== '') params.set('token', token);
    if (opts.author !== undefined) params.set('author', opts.author);
    return `${wsUrl}/${boardId}?${params.toString()}`;
  };
  return {
    server,
    url,
    wsUrl,
    dataDir: options.dataDir,
    async createBoard(input = {}) {
      const res = await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          municipality: 'Musterstadt',
          title: 'Integrationsstrategie',
          ...input,
        }),
      });
      if (res.status !== 201) throw new Error(`createBoard: HTTP ${res.status}`);
      const body = (await res.json()) as CreatedBoardBody;
      adopt(body);
      return body.id;
    },
    adopt,
    created(boardId) {
      const body = boards.get(boardId);
      if (!body) throw new Error('created: board not created by this test server');
      return body;
    },
    token: tokenOf,
    async rotate(boardId, role) {
      const res = await api(`/api/boards/${boardId}/links/${role}/rotate`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`rotate: HTTP ${res.status}`);
      const { token } = (await res.json()) as { token: string };
      const known = tokens.get(boardId);
      if (known) known[role] = token;
      return token;
    },
    api,
    docUrl,
    provider(boardId, opts = {}) {
      const o: ProviderOptions = opts instanceof Y.Doc ? { doc: opts } : opts;
      const params: Record<string, string> = {};
      const token = o.token ?? (tokens.has(boardId) ? tokenOf(boardId, o.role) : '');
      if (token !== '') params.token = token;
      if (o.author !== undefined) params.author = o.author;
      const provider = new WebsocketProvider(wsUrl, boardId, o.doc ?? new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params,
      });
      providers.push(provider);
      return provider;
    },
    close() {
      closed ??= (async () => {
        for (const provider of providers) provider.destroy();
        await server.close();
      })();
      return closed;
    },
  };
}

/** Resolves with the close event once the provider's server closed it for good (44xx). */
export function waitForProviderClosed(provider: WebsocketProvider): Promise<{ code: number }> {
  return new Promise((resolve) =>
    provider.once('closed', (event: { code: number }) => resolve(event)),
  );
}

export function waitForSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', (synced: boolean) => synced && resolve()));
}

/** Opens a raw WebSocket and resolves once it is open. */
export function openRawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function waitForClose(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) throw new Error('already closed');
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

export function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Frame = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncMessageType.Step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const updateFrame = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncMessageType.Update);
    encoding.writeVarUint8Array(e, update);
  });

/** Decodes a server frame into `{ type, syncType?, payload? }`. */
export function readFrame(data: Uint8Array): {
  type: number;
  syncType?: number;
  payload?: Uint8Array;
} {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.Sync) {
    const syncType = decoding.readVarUint(decoder);
    return { type, syncType, payload: decoding.readVarUint8Array(decoder) };
  }
  if (type === MessageType.Awareness) return { type, payload: decoding.readVarUint8Array(decoder) };
  return { type };
}

/** A Connection that records what the core sends. */
export class FakeConnection implements Connection {
  static #next = 0;
  readonly id = `fake-${FakeConnection.#next++}`;
  readonly role: Role;
  readonly authorId: string;
  constructor(options: { role?: Role; authorId?: string } = {}) {
    this.role = options.role ?? 'facilitator';
    this.authorId = options.authorId ?? '';
  }
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  send(data: Uint8Array): void {
    if (!this.closed) this.sent.push(data);
  }
  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }
  /** Yjs updates received (sync step 2 and update frames). */
  updates(): Uint8Array[] {
    return this.sent
      .map(readFrame)
      .filter((f) => f.type === MessageType.Sync && f.syncType !== SyncMessageType.Step1)
      .map((f) => f.payload as Uint8Array);
  }
}

/** Wraps a store: counts calls; can hold writes until released, or fail them. */
export class InstrumentedStore implements BoardStore {
  readonly calls = { loadDoc: 0, appendUpdates: 0, writeSnapshot: 0 };
  readonly appended: Uint8Array[][] = [];
  failAppends = false;
  #hold: Promise<void> | null = null;
  #release: (() => void) | null = null;

  constructor(readonly inner: BoardStore) {}

  /** Holds every appendUpdates until `release()`. */
  hold(): void {
    this.#hold = new Promise((resolve) => (this.#release = resolve));
  }
  release(): void {
    this.#release?.();
    this.#hold = null;
  }

  createBoard(id: string, meta: BoardMeta, state: Uint8Array, links?: readonly NewLink[]) {
    return this.inner.createBoard(id, meta, state, links);
  }
  findLink(tokenHash: Uint8Array) {
    return this.inner.findLink(tokenHash);
  }
  replaceLink(boardId: string, role: Role, tokenHash: Uint8Array) {
    return this.inner.replaceLink(boardId, role, tokenHash);
  }
  deleteBoard(id: string) {
    return this.inner.deleteBoard(id);
  }
  listExpiredBoards(before: number) {
    return this.inner.listExpiredBoards(before);
  }
  enqueueHidden(item: HiddenItem) {
    return this.inner.enqueueHidden(item);
  }
  listHidden(boardId: string) {
    return this.inner.listHidden(boardId);
  }
  takeHidden(boardId: string, ids: string[]) {
    return this.inner.takeHidden(boardId, ids);
  }
  getBoard(id: string) {
    return this.inner.getBoard(id);
  }
  addVersion(...args: Parameters<BoardStore['addVersion']>) {
    return this.inner.addVersion(...args);
  }
  listVersions(boardId: string) {
    return this.inner.listVersions(boardId);
  }
  getVersion(boardId: string, versionId: string) {
    return this.inner.getVersion(boardId, versionId);
  }
  getCalendarKey(boardId: string) {
    return this.inner.getCalendarKey(boardId);
  }
  setCalendarKey(boardId: string, hash: Uint8Array) {
    return this.inner.setCalendarKey(boardId, hash);
  }
  getPublication(boardId: string) {
    return this.inner.getPublication(boardId);
  }
  findPublication(publicId: string) {
    return this.inner.findPublication(publicId);
  }
  putPublication(...args: Parameters<BoardStore['putPublication']>) {
    return this.inner.putPublication(...args);
  }
  deletePublication(boardId: string) {
    return this.inner.deletePublication(boardId);
  }
  recordAttendance(...args: Parameters<BoardStore['recordAttendance']>) {
    return this.inner.recordAttendance(...args);
  }
  listAttendance(boardId: string) {
    return this.inner.listAttendance(boardId);
  }
  loadDoc(id: string) {
    this.calls.loadDoc++;
    return this.inner.loadDoc(id);
  }
  async appendUpdates(id: string, updates: Uint8Array[], options?: AppendOptions) {
    this.calls.appendUpdates++;
    this.appended.push(updates);
    if (this.#hold) await this.#hold;
    if (this.failAppends) throw new Error('disk full (simulated)');
    return this.inner.appendUpdates(id, updates, options);
  }
  writeSnapshot(id: string, state: Uint8Array, throughSeq: number) {
    this.calls.writeSnapshot++;
    return this.inner.writeSnapshot(id, state, throughSeq);
  }
  close() {
    return this.inner.close();
  }
}

/** The document a store would load for a board (snapshot + updates in one doc). */
export async function storedDoc(store: BoardStore, boardId: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(boardId);
  if (!stored) throw new Error('board not stored');
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}
