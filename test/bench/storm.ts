/**
 * Join storm, cold load and memory per loaded board.
 *
 * - Join storm: a board is filled to a given size through the document channel (a facilitator
 *   client creating need items, ~70 KB per frame; for the reference the same frames fill its
 *   in-memory doc), the filling client stays connected (keeps the board loaded — the reference
 *   drops a doc without connections), then `clients` raw clients connect at once and ask for
 *   the state. Measured: time until every one has its sync step 2, and the server's peak RSS
 *   growth (sampled every 10 ms).
 * - Cold load: a board created through the API, then `updates` small updates appended straight
 *   into its SQLite file with the server's own `SqliteBoardStore` (the running server would
 *   compact them), then the server restarted; time from opening the first connection to its
 *   sync step 2.
 * - Memory per board: 10 boards filled to a known size, server restarted, one client per board
 *   connects; RSS growth / boards / state bytes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoardModel } from '@werkraum/model';
import { SqliteBoardStore } from '@werkraum/server';
import * as Y from 'yjs';
import { processMemory, ProcessSampler } from './proc.js';
import { RawClient, SYNC_STEP2 } from './raw-client.js';
import { allowedCpus, setAffinity } from './server-process.js';
import { summarize } from './stats.js';
import { type BoardHandle, startTarget, type Target } from './targets.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const filler =
  'Sprachkurse am Abend, Kinderbetreuung während der Kurse, Beratung zu Anerkennung von Abschlüssen, Wohnungssuche, Ehrenamtliche Patenschaften und ein Ort zum Ankommen im Quartier. ';

/** Fills a board to about `bytes` of encoded state; returns the connected filling client. */
export async function fillBoard(
  target: Target,
  board: BoardHandle,
  bytes: number,
  serverIndex = 0,
): Promise<{ client: RawClient; stateBytes: number }> {
  const doc = new Y.Doc();
  const model = new BoardModel(doc, { author: 'Moderation' });
  const client = new RawClient({
    url: target.docUrl(board, 'facilitator', serverIndex),
    stateFor: (sv) => Y.encodeStateAsUpdate(doc, sv),
  });
  await client.synced;
  doc.on('update', (update: Uint8Array) => client.sendUpdate(update));
  let n = 0;
  while (Y.encodeStateAsUpdate(doc).length < bytes) {
    doc.transact(() => {
      for (let i = 0; i < 250; i += 1, n += 1) {
        model.create('need', { content: { text: `${n}: ${filler}`, lang: 'de' } });
      }
    });
    // Let ws flush so that the frames do not pile up in this process.
    while (client.ws.bufferedAmount > 1_000_000) await sleep(5);
  }
  // Wait until a fresh connection gets at least what was sent (Werkraum: committed).
  const local = Y.encodeStateAsUpdate(doc).length;
  let stateBytes = 0;
  const deadline = performance.now() + 60_000;
  while (stateBytes < local && performance.now() < deadline) {
    await sleep(100);
    const probe = await stateSize(target, board, serverIndex);
    stateBytes = probe;
  }
  doc.destroy();
  return { client, stateBytes };
}

/** Size of the sync step 2 a new participant gets. */
async function stateSize(target: Target, board: BoardHandle, serverIndex = 0): Promise<number> {
  let size = 0;
  const client = new RawClient({ url: target.docUrl(board, 'participant', serverIndex) });
  client.ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === SYNC_STEP2 && size === 0) size = data.length;
  });
  await client.synced;
  client.close();
  return size;
}

export interface JoinStormResult {
  target: 'werkraum' | 'reference';
  clients: number;
  requestedBytes: number;
  stateBytes: number;
  /** From opening all connections until the last one had its state. */
  allSyncedMs: number;
  perClient: { p50: number; p95: number; max: number };
  rssBeforeBytes: number | undefined;
  peakRssGrowthBytes: number | undefined;
  serverCpuPercent: number | undefined;
  failures: string[];
}

function pinning(): {
  server: number | undefined;
  generator: number | undefined;
  cpus: number[] | undefined;
} {
  const cpus = allowedCpus();
  return cpus !== undefined && cpus.length >= 2
    ? { server: cpus[0], generator: cpus[1], cpus }
    : { server: undefined, generator: undefined, cpus };
}

export async function runJoinStorm(options: {
  target: 'werkraum' | 'reference';
  bytes: number;
  clients?: number;
  log?: (line: string) => void;
}): Promise<JoinStormResult> {
  const clients = options.clients ?? 100;
  const pin = pinning();
  const target = await startTarget({
    kind: options.target,
    pinCpu: pin.server,
    ...(options.log ? { log: options.log } : {}),
  });
  const pinned = pin.generator !== undefined && setAffinity(process.pid, [pin.generator]);
  const opened: RawClient[] = [];
  try {
    const board = await target.createBoard();
    const fill = await fillBoard(target, board, options.bytes);
    opened.push(fill.client);
    options.log?.(`board filled: ${fill.stateBytes} bytes of state`);
    await sleep(1500);
    const pid = target.servers[0]?.pid as number;
    const rssBefore = processMemory(pid)?.rss;
    const sampler = new ProcessSampler(pid, 10);
    sampler.start();
    const start = performance.now();
    const storm: RawClient[] = [];
    for (let i = 0; i < clients; i += 1) {
      storm.push(new RawClient({ url: target.docUrl(board, 'participant', i) }));
    }
    opened.push(...storm);
    const failures: string[] = [];
    const results = await Promise.allSettled(storm.map((c) => c.synced));
    const allSyncedMs = performance.now() - start;
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) failures.push(`${failed} of ${clients} clients did not sync`);
    await sleep(200);
    const stats = sampler.stop();
    const times = storm
      .filter((c) => c.syncedAt !== undefined)
      .map((c) => (c.syncedAt as number) - start);
    const s = summarize(times);
    return {
      target: options.target,
      clients,
      requestedBytes: options.bytes,
      stateBytes: fill.stateBytes,
      allSyncedMs,
      perClient: { p50: s.p50, p95: s.p95, max: s.max },
      rssBeforeBytes: rssBefore,
      peakRssGrowthBytes:
        rssBefore === undefined || stats.peakRssBytes === undefined
          ? undefined
          : stats.peakRssBytes - rssBefore,
      serverCpuPercent: stats.cpuPercent,
      failures,
    };
  } finally {
    for (const c of opened) c.close();
    await target.stop();
    if (pinned && pin.cpus !== undefined) setAffinity(process.pid, pin.cpus);
  }
}

export interface ColdLoadResult {
  updates: number;
  storedUpdateBytes: number;
  stateBytes: number;
  /** Connection opened → sync step 2, board not loaded (cold). */
  firstSyncMs: number;
  /** The same for a second connection once the board is loaded (warm). */
  warmSyncMs: number;
  failures: string[];
}

export async function runColdLoad(options: {
  updates?: number;
  log?: (line: string) => void;
}): Promise<ColdLoadResult> {
  const updates = options.updates ?? 100_000;
  const dataDir = await mkdtemp(join(tmpdir(), 'werkraum-bench-cold-'));
  const pin = pinning();
  const pinned = pin.generator !== undefined && setAffinity(process.pid, [pin.generator]);
  try {
    let target = await startTarget({
      kind: 'werkraum',
      dataDir,
      pinCpu: pin.server,
      ...(options.log ? { log: options.log } : {}),
    });
    const board = await target.createBoard();
    await target.stop();

    // 100k small updates: every 100th creates a need, the others type one character into it.
    const doc = new Y.Doc();
    const model = new BoardModel(doc, { author: 'Moderation' });
    const produced: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => produced.push(update));
    let text: Y.Text | undefined;
    for (let i = 0; i < updates; i += 1) {
      if (i % 100 === 0) {
        const id = model.create('need', { content: { text: '', lang: 'de' } });
        text = model.text(id, 'text');
      } else {
        text?.insert(text.length, filler.charAt(i % filler.length));
      }
    }
    const stateBytes = Y.encodeStateAsUpdate(doc).length;
    doc.destroy();
    const store = new SqliteBoardStore({ dataDir });
    let storedUpdateBytes = 0;
    for (let i = 0; i < produced.length; i += 1000) {
      const batch = produced.slice(i, i + 1000);
      storedUpdateBytes += batch.reduce((s, u) => s + u.length, 0);
      await store.appendUpdates(board.id, batch);
    }
    await store.close();
    options.log?.(`${produced.length} updates (${storedUpdateBytes} bytes) stored; restarting`);

    target = await startTarget({
      kind: 'werkraum',
      dataDir,
      pinCpu: pin.server,
      ...(options.log ? { log: options.log } : {}),
    });
    try {
      const failures: string[] = [];
      const first = new RawClient({ url: target.docUrl(board, 'participant', 0) });
      const t0 = performance.now();
      await first.synced;
      const firstSyncMs = (first.syncedAt as number) - t0;
      const second = new RawClient({ url: target.docUrl(board, 'participant', 0) });
      const t1 = performance.now();
      await second.synced;
      const warmSyncMs = (second.syncedAt as number) - t1;
      first.close();
      second.close();
      return {
        updates: produced.length,
        storedUpdateBytes,
        stateBytes,
        firstSyncMs,
        warmSyncMs,
        failures,
      };
    } finally {
      await target.stop();
    }
  } finally {
    if (pinned && pin.cpus !== undefined) setAffinity(process.pid, pin.cpus);
    await rm(dataDir, { recursive: true, force: true });
  }
}

export interface BoardMemoryResult {
  boards: number;
  stateBytesPerBoard: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  bytesPerBoard: number;
  ratio: number;
  failures: string[];
}

export async function runBoardMemory(options: {
  boards?: number;
  bytes?: number;
  log?: (line: string) => void;
}): Promise<BoardMemoryResult> {
  const count = options.boards ?? 10;
  const bytes = options.bytes ?? 500_000;
  const dataDir = await mkdtemp(join(tmpdir(), 'werkraum-bench-mem-'));
  const pin = pinning();
  try {
    let target = await startTarget({ kind: 'werkraum', dataDir, pinCpu: pin.server });
    const boards: BoardHandle[] = [];
    const sizes: number[] = [];
    try {
      // One board more than counted: loading it first warms up the code paths of a load.
      for (let i = 0; i <= count; i += 1) {
        const board = await target.createBoard();
        const fill = await fillBoard(target, board, bytes);
        fill.client.close();
        boards.push(board);
        sizes.push(fill.stateBytes);
      }
    } finally {
      await target.stop();
    }
    options.log?.(`${count} boards of ~${bytes} bytes stored; restarting`);
    target = await startTarget({ kind: 'werkraum', dataDir, pinCpu: pin.server });
    const clients: RawClient[] = [];
    try {
      const pid = target.servers[0]?.pid as number;
      const warmup = new RawClient({
        url: target.docUrl(boards.shift() as BoardHandle, 'participant', 0),
      });
      clients.push(warmup);
      await warmup.synced;
      sizes.shift();
      await sleep(1500);
      const median = async (): Promise<number> => {
        const samples: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          samples.push(processMemory(pid)?.rss ?? 0);
          await sleep(100);
        }
        return samples.sort((a, b) => a - b)[2] ?? 0;
      };
      const before = await median();
      for (const board of boards) {
        const client = new RawClient({ url: target.docUrl(board, 'participant', 0) });
        clients.push(client);
        await client.synced;
      }
      await sleep(1500);
      const after = await median();
      const stateBytesPerBoard = sizes.reduce((s, x) => s + x, 0) / sizes.length;
      const bytesPerBoard = (after - before) / count;
      return {
        boards: count,
        stateBytesPerBoard,
        rssBeforeBytes: before,
        rssAfterBytes: after,
        bytesPerBoard,
        ratio: bytesPerBoard / stateBytesPerBoard,
        failures: [],
      };
    } finally {
      for (const c of clients) c.close();
      await target.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
