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
import type { Connection } from '../board-room.js';
import { createLogger } from '../logger.js';
import { MessageType, SyncMessageType } from '../protocol.js';
import {
  createWerkraumServer,
  type WerkraumServer,
  type WerkraumServerOptions,
} from '../server.js';
import type { AppendOptions, BoardMeta, BoardStore } from '../storage/types.js';

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

export interface TestServer {
  server: WerkraumServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  createBoard(input?: { municipality?: string; title?: string }): Promise<string>;
  provider(boardId: string, doc?: Y.Doc): WebsocketProvider;
  /** Closes providers and the server (idempotent). */
  close(): Promise<void>;
}

/** A real server on port 0 with SQLite in `dataDir` (a new temp dir unless given). */
export async function startTestServer(
  options: WerkraumServerOptions & { dataDir: string },
): Promise<TestServer> {
  const server = createWerkraumServer({
    port: 0,
    host: '127.0.0.1',
    serveWeb: false,
    logger: silentLogger,
    ...options,
  });
  const { url } = await server.listen();
  const wsUrl = `${url.replace(/^http/, 'ws')}/yjs`;
  const providers: WebsocketProvider[] = [];
  let closed: Promise<void> | null = null;
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
      return ((await res.json()) as { id: string }).id;
    },
    provider(boardId, doc = new Y.Doc()) {
      const provider = new WebsocketProvider(wsUrl, boardId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
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

  createBoard(id: string, meta: BoardMeta, state: Uint8Array) {
    return this.inner.createBoard(id, meta, state);
  }
  getBoard(id: string) {
    return this.inner.getBoard(id);
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
