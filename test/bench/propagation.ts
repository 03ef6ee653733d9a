/**
 * Propagation benchmark: N stock y-websocket providers on one board, E of them editing at a fixed
 * rate; measures how long each edit takes to reach every other provider through the server
 * (which commits every update to SQLite before relaying it), and what that costs the server.
 *
 * All providers live in this process, so send and receive times come from the same clock. The
 * load generator's own CPU is reported too: if it is near 100 %, latencies include queueing in
 * this process and say little about the server.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  loadAverage1m,
  machineBusyCpuSeconds,
  processCpuSeconds,
  ProcessSampler,
  SelfCpuMeter,
} from './proc.js';
import {
  allowedCpus,
  setAffinity,
  startServer,
  type ServerLogSummary,
  type StartedServer,
} from './server-process.js';
import { type LatencySummary, summarize } from './stats.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultServerEntry = resolve(repoRoot, 'apps', 'server', 'dist', 'main.js');

/** Name of the bench-only shared type; the board's own types are never touched. */
export const benchMapName = 'bench';

export interface PropagationBenchOptions {
  /** Connected providers (default 50). */
  clients?: number;
  /** Providers that edit (default 20 % of `clients`, at least 1). */
  editors?: number;
  /** Edits per second per editor (default 5). */
  editsPerSecond?: number;
  /** Measured seconds (default 10). */
  seconds?: number;
  /** Seconds of editing before the measured window (default 2); excluded from latency. */
  warmupSeconds?: number;
  /** Built server entry to spawn (default `apps/server/dist/main.js`). */
  serverEntry?: string;
  /** Use an already running server (`http://127.0.0.1:<port>`) instead; no server CPU/RSS then. */
  serverUrl?: string;
  /** Pin server and load generator to different CPUs with taskset (default true). */
  pin?: boolean;
  /** Delay between opening two connections (default 5 ms). */
  connectStaggerMs?: number;
  /** Max wait for all providers to sync (default 30 s). */
  syncTimeoutMs?: number;
  /** Max wait for outstanding deliveries after the last edit (default 10 s). */
  quietTimeoutMs?: number;
  /** Progress output (default: none). */
  log?: (line: string) => void;
}

export type ResolvedPropagationBenchOptions = Required<
  Omit<PropagationBenchOptions, 'serverUrl' | 'log'>
> & {
  serverUrl: string | undefined;
};

export interface PropagationBenchResult {
  options: ResolvedPropagationBenchOptions;
  startedAt: string;
  /** CPUs the server and the load generator were pinned to (undefined: not pinned). */
  pinning: { server: number | undefined; loadGenerator: number | undefined };
  /** From the first connection attempt until every provider had synced. */
  joinMs: number;
  /** `achievedPerSecond` below `offeredPerSecond` means the load generator fell behind. */
  edits: {
    sent: number;
    measured: number;
    warmup: number;
    offeredPerSecond: number;
    achievedPerSecond: number;
  };
  /** Edits × recipients, over all edits (warm-up included). */
  expected: number;
  delivered: number;
  undelivered: number;
  /** Deliveries of edits sent in the measured window, per measured second. */
  deliveredPerSecond: number;
  /** Propagation latency (ms) of the edits sent in the measured window. */
  latency: LatencySummary;
  /** p50 / p99 / max latency of the edits sent in each second of the measured window. */
  latencyBySecond: { second: number; p50: number; p99: number; max: number }[];
  /**
   * The five edits with the highest worst-case latency: when they were sent (ms into the measured
   * window), their worst and median latency over all recipients, and how many recipients got
   * them later than 50 ms. A stall of the server delays an edit for everybody (high median);
   * queueing in the load generator hits some recipients only.
   */
  slowestEdits: {
    sentAtMs: number;
    maxMs: number;
    medianMs: number;
    over50ms: number;
    recipients: number;
  }[];
  /** From the last edit sent until the last delivery arrived (ms). */
  drainMs: number;
  /** Connection closes seen after the initial sync (should be 0). */
  disconnects: number;
  server: {
    pid: number | undefined;
    cpuPercent: number | undefined;
    peakRssBytes: number | undefined;
    meanRssBytes: number | undefined;
    logs: ServerLogSummary | undefined;
    shutdown: { exit: number | string; forced: boolean; shutdownMs: number } | undefined;
  };
  /**
   * `saturated`: the load generator used ≥ 85 % of a core or sent < 95 % of the offered edits;
   * latencies then include queueing in the load generator and overstate the server's share.
   */
  loadGenerator: {
    cpuPercent: number;
    saturated: boolean;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    /** Time spent in garbage collection during the window, and the longest single pause. */
    gcTotalMs: number;
    gcMaxPauseMs: number;
  };
  /**
   * Noise from the rest of the machine: the 1-minute load average before the run, and the CPU
   * used by all other processes during the measured window (% of one core; machine busy time
   * minus server and load generator).
   */
  machine: { loadAverageBefore: number | undefined; otherCpuPercent: number | undefined };
  docs: {
    /** All providers have equal snapshots and the three compared ones equal bench content. */
    identical: boolean;
    /** Providers whose snapshot differs from provider 0. */
    differingSnapshots: number;
    /** Indices of the three providers compared in detail. */
    compared: number[];
    /** Whether Y.encodeStateAsUpdate of the three is byte-identical (informational). */
    encodedStateEqual: boolean;
    benchEntries: number;
  };
  ok: boolean;
  failures: string[];
}

interface BenchRecord {
  /** sender (editor index) */
  s: number;
  /** sequence number of the sender */
  q: number;
  /** send time, ms since the epoch with sub-ms precision */
  t: number;
  /** 1 for warm-up edits */
  w: 0 | 1;
}

interface Peer {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  received: number;
  syncedOnce: boolean;
  disconnects: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function resolveOptions(
  options: PropagationBenchOptions = {},
): ResolvedPropagationBenchOptions {
  const clients = options.clients ?? 50;
  const resolved: ResolvedPropagationBenchOptions = {
    clients,
    editors: options.editors ?? Math.max(1, Math.round(clients * 0.2)),
    editsPerSecond: options.editsPerSecond ?? 5,
    seconds: options.seconds ?? 10,
    warmupSeconds: options.warmupSeconds ?? 2,
    serverEntry: options.serverEntry ?? defaultServerEntry,
    serverUrl: options.serverUrl,
    pin: options.pin ?? true,
    connectStaggerMs: options.connectStaggerMs ?? 5,
    syncTimeoutMs: options.syncTimeoutMs ?? 30_000,
    quietTimeoutMs: options.quietTimeoutMs ?? 10_000,
  };
  if (!Number.isInteger(resolved.clients) || resolved.clients < 2)
    throw new Error('clients must be an integer ≥ 2');
  if (
    !Number.isInteger(resolved.editors) ||
    resolved.editors < 1 ||
    resolved.editors > resolved.clients
  ) {
    throw new Error('editors must be an integer between 1 and clients');
  }
  if (!(resolved.editsPerSecond > 0)) throw new Error('editsPerSecond must be > 0');
  if (!(resolved.seconds > 0)) throw new Error('seconds must be > 0');
  if (!(resolved.warmupSeconds >= 0)) throw new Error('warmupSeconds must be ≥ 0');
  return resolved;
}

/** Creates a board; returns its id and the facilitator token (the role whose writes skip checks). */
async function createBoard(httpUrl: string): Promise<{ id: string; token: string }> {
  const response = await fetch(`${httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'Benchstadt', title: 'Propagation benchmark' }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`POST /api/boards → ${response.status}: ${text.slice(0, 300)}`);
  }
  const body = JSON.parse(text) as { id?: unknown; links?: { facilitator?: { token?: unknown } } };
  const id = body.id;
  const token = body.links?.facilitator?.token;
  if (typeof id !== 'string' || id === '' || typeof token !== 'string')
    throw new Error(`POST /api/boards returned no id or link: ${text.slice(0, 300)}`);
  return { id, token };
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function compareDocs(peers: readonly Peer[]): PropagationBenchResult['docs'] {
  const first = peers[0];
  if (first === undefined) {
    return {
      identical: false,
      differingSnapshots: 0,
      compared: [],
      encodedStateEqual: false,
      benchEntries: 0,
    };
  }
  const reference = Y.snapshot(first.doc);
  let differingSnapshots = 0;
  for (const peer of peers) {
    if (!Y.equalSnapshots(reference, Y.snapshot(peer.doc))) differingSnapshots += 1;
  }
  const compared = [...new Set([0, Math.floor(peers.length / 2), peers.length - 1])];
  const chosen = compared.map((i) => peers[i]).filter((p): p is Peer => p !== undefined);
  const contents = chosen.map((p) => JSON.stringify(sortKeys(p.doc.getMap(benchMapName).toJSON())));
  const encoded = chosen.map((p) => Buffer.from(Y.encodeStateAsUpdate(p.doc)));
  const sameContent = contents.every((c) => c === contents[0]);
  const encodedStateEqual = encoded.every((e) => encoded[0] !== undefined && e.equals(encoded[0]));
  return {
    identical: differingSnapshots === 0 && sameContent,
    differingSnapshots,
    compared,
    encodedStateEqual,
    benchEntries: first.doc.getMap(benchMapName).size,
  };
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Runs one propagation benchmark against a freshly spawned server (or `options.serverUrl`).
 * Never throws for a slow or lossy run — check `result.ok` / `result.failures`; throws only if
 * the run could not be set up (server did not start, board not created, providers not synced).
 */
export async function runPropagationBench(
  options: PropagationBenchOptions = {},
): Promise<PropagationBenchResult> {
  const opts = resolveOptions(options);
  const log = options.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const loadAverageBefore = loadAverage1m();

  // Pinning: server on the first allowed CPU, this process on the second.
  const cpus = opts.pin && opts.serverUrl === undefined ? allowedCpus() : undefined;
  const canPin = cpus !== undefined && cpus.length >= 2;
  const serverCpu = canPin ? cpus[0] : undefined;
  const generatorCpu = canPin ? cpus[1] : undefined;

  let server: StartedServer | undefined;
  const peers: Peer[] = [];
  // Every stock provider adds a process 'exit' listener; that is expected here.
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(Math.max(maxListeners, opts.clients + 20));
  let pinnedSelf = false;
  try {
    if (opts.serverUrl === undefined) {
      server = await startServer({ entry: opts.serverEntry, pinCpu: serverCpu });
      log(
        `server pid ${server.pid} at ${server.httpUrl}${server.pinnedCpu === undefined ? '' : ` (cpu ${server.pinnedCpu})`}`,
      );
    }
    if (generatorCpu !== undefined) pinnedSelf = setAffinity(process.pid, [generatorCpu]);
    const httpUrl = server?.httpUrl ?? (opts.serverUrl as string).replace(/\/+$/, '');
    const wsUrl = httpUrl.replace(/^http/, 'ws');
    const { id: boardId, token } = await createBoard(httpUrl);
    log(`board ${boardId}; connecting ${opts.clients} providers`);

    // --- connect ---------------------------------------------------------------------------
    const measuredLatencies: number[] = [];
    /** Send time of the edit behind each entry of measuredLatencies. */
    const measuredSendTimes: number[] = [];
    let lastDeliveryAt = 0;
    const joinStart = performance.now();
    for (let index = 0; index < opts.clients; index += 1) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${wsUrl}/yjs`, boardId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
      });
      const peer: Peer = { index, doc, provider, received: 0, syncedOnce: false, disconnects: 0 };
      provider.on('sync', (synced: boolean) => {
        if (synced) peer.syncedOnce = true;
      });
      provider.on('connection-close', () => {
        if (peer.syncedOnce) peer.disconnects += 1;
      });
      const map = doc.getMap<BenchRecord>(benchMapName);
      map.observe((event) => {
        if (event.transaction.origin !== provider) return;
        const receivedAt = now();
        for (const key of event.keysChanged) {
          const record = map.get(key);
          if (record === undefined) continue;
          peer.received += 1;
          if (record.w === 0) {
            measuredLatencies.push(receivedAt - record.t);
            measuredSendTimes.push(record.t);
          }
        }
        lastDeliveryAt = receivedAt;
      });
      peers.push(peer);
      if (opts.connectStaggerMs > 0) await sleep(opts.connectStaggerMs);
    }
    await waitFor(
      () => peers.every((p) => p.syncedOnce),
      opts.syncTimeoutMs,
      `all ${opts.clients} providers to sync (${peers.filter((p) => p.syncedOnce).length} synced)`,
    );
    const joinMs = performance.now() - joinStart;
    log(`all ${opts.clients} synced in ${joinMs.toFixed(0)} ms; editing`);

    // --- edit ------------------------------------------------------------------------------
    const editors = peers.slice(0, opts.editors);
    const intervalMs = 1000 / opts.editsPerSecond;
    const editStart = performance.now() + 50;
    const measureStart = editStart + opts.warmupSeconds * 1000;
    const editEnd = measureStart + opts.seconds * 1000;
    let sent = 0;
    let sentMeasured = 0;
    let lastSentAt = 0;
    let serverSampler: ProcessSampler | undefined;
    let selfMeter: SelfCpuMeter | undefined;
    let loadGeneratorCpu = 0;
    let loopDelay = { p99: Number.NaN, max: Number.NaN, gcTotal: Number.NaN, gcMax: Number.NaN };
    let windowBusy: { machine: number; server: number; self: number; wall: number } | undefined;
    const timers = new Set<NodeJS.Timeout>();

    const editingDone = new Promise<void>((resolveDone) => {
      let running = editors.length;
      editors.forEach((editor, editorIndex) => {
        const map = editor.doc.getMap<BenchRecord>(benchMapName);
        let seq = 0;
        // Spread the editors' phases evenly over one interval.
        let next = editStart + (intervalMs * editorIndex) / editors.length;
        const tick = (): void => {
          const at = performance.now();
          if (at >= editEnd) {
            running -= 1;
            if (running === 0) resolveDone();
            return;
          }
          const warmup = at < measureStart;
          const sendTime = now();
          map.set(`${editorIndex}:${seq}`, {
            s: editorIndex,
            q: seq,
            t: sendTime,
            w: warmup ? 1 : 0,
          });
          seq += 1;
          sent += 1;
          if (!warmup) sentMeasured += 1;
          lastSentAt = sendTime;
          next += intervalMs;
          const timer = setTimeout(tick, Math.max(0, next - performance.now()));
          timers.add(timer);
          timer.unref();
        };
        const first = setTimeout(tick, Math.max(0, next - performance.now()));
        timers.add(first);
      });
    });
    const windowTimer = setTimeout(
      () => {
        if (server !== undefined) {
          serverSampler = new ProcessSampler(server.pid);
          serverSampler.start();
        }
        selfMeter = new SelfCpuMeter();
        const machineBusy = machineBusyCpuSeconds();
        const serverCpu = server === undefined ? 0 : processCpuSeconds(server.pid);
        const selfCpu = process.cpuUsage();
        if (machineBusy !== undefined && serverCpu !== undefined) {
          windowBusy = {
            machine: machineBusy,
            server: serverCpu,
            self: (selfCpu.user + selfCpu.system) / 1e6,
            wall: performance.now(),
          };
        }
      },
      Math.max(0, measureStart - performance.now()),
    );
    await editingDone;
    clearTimeout(windowTimer);
    const serverStats = serverSampler?.stop();
    let otherCpuPercent: number | undefined;
    if (windowBusy !== undefined) {
      const machineBusy = machineBusyCpuSeconds();
      const serverCpu = server === undefined ? 0 : processCpuSeconds(server.pid);
      const selfCpu = process.cpuUsage();
      const wallSeconds = (performance.now() - windowBusy.wall) / 1000;
      if (machineBusy !== undefined && serverCpu !== undefined && wallSeconds > 0) {
        const others =
          machineBusy -
          windowBusy.machine -
          (serverCpu - windowBusy.server) -
          ((selfCpu.user + selfCpu.system) / 1e6 - windowBusy.self);
        otherCpuPercent = Math.max(0, (others / wallSeconds) * 100);
      }
    }
    const selfStats = selfMeter?.stop();
    loadGeneratorCpu = selfStats?.cpuPercent ?? 0;
    if (selfStats) {
      loopDelay = {
        p99: selfStats.loopDelayP99Ms,
        max: selfStats.loopDelayMaxMs,
        gcTotal: selfStats.gcTotalMs,
        gcMax: selfStats.gcMaxMs,
      };
    }
    for (const timer of timers) clearTimeout(timer);

    // --- drain -----------------------------------------------------------------------------
    const expected = sent * (opts.clients - 1);
    const delivered = (): number => peers.reduce((sum, p) => sum + p.received, 0);
    const quietDeadline = performance.now() + opts.quietTimeoutMs;
    let lastCount = delivered();
    let lastProgress = performance.now();
    while (delivered() < expected && performance.now() < quietDeadline) {
      await sleep(25);
      const count = delivered();
      if (count !== lastCount) {
        lastCount = count;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 3_000) {
        break;
      }
    }
    const deliveredAll = delivered();
    const measuredDeliveries = measuredLatencies.length;
    const latency = summarize(measuredLatencies);
    const latencyBySecond = perSecond(
      measuredLatencies,
      measuredSendTimes,
      performance.timeOrigin + measureStart,
      opts.seconds,
    );
    const slowestEdits = slowest(
      measuredLatencies,
      measuredSendTimes,
      performance.timeOrigin + measureStart,
    );
    const docs = compareDocs(peers);
    const disconnects = peers.reduce((sum, p) => sum + p.disconnects, 0);
    log(`done: ${deliveredAll}/${expected} delivered, p99 ${latency.p99.toFixed(1)} ms`);

    // --- clean up --------------------------------------------------------------------------
    destroyPeers(peers);
    const shutdown = server === undefined ? undefined : await server.stop();

    const offeredPerSecond = opts.editors * opts.editsPerSecond;
    const achievedPerSecond = sentMeasured / opts.seconds;
    const failures: string[] = [];
    if (deliveredAll < expected)
      failures.push(`${expected - deliveredAll} of ${expected} updates undelivered`);
    if (!docs.identical) {
      failures.push(
        `providers' documents differ (${docs.differingSnapshots} snapshots differ from provider 0)`,
      );
    }
    return {
      options: opts,
      startedAt,
      pinning: { server: server?.pinnedCpu, loadGenerator: pinnedSelf ? generatorCpu : undefined },
      joinMs,
      edits: {
        sent,
        measured: sentMeasured,
        warmup: sent - sentMeasured,
        offeredPerSecond,
        achievedPerSecond,
      },
      expected,
      delivered: deliveredAll,
      undelivered: expected - deliveredAll,
      deliveredPerSecond: measuredDeliveries / opts.seconds,
      latency,
      drainMs: Math.max(0, lastDeliveryAt - lastSentAt),
      latencyBySecond,
      slowestEdits,
      disconnects,
      server: {
        pid: server?.pid,
        cpuPercent: serverStats?.cpuPercent,
        peakRssBytes: serverStats?.peakRssBytes,
        meanRssBytes: serverStats?.meanRssBytes,
        logs: server?.logs,
        shutdown,
      },
      loadGenerator: {
        cpuPercent: loadGeneratorCpu,
        eventLoopDelayP99Ms: loopDelay.p99,
        eventLoopDelayMaxMs: loopDelay.max,
        gcTotalMs: loopDelay.gcTotal,
        gcMaxPauseMs: loopDelay.gcMax,
        saturated: loadGeneratorCpu >= 85 || achievedPerSecond < 0.95 * offeredPerSecond,
      },
      machine: { loadAverageBefore, otherCpuPercent },
      docs,
      ok: failures.length === 0,
      failures,
    };
  } finally {
    destroyPeers(peers);
    if (server !== undefined) await server.stop().catch(() => undefined);
    if (pinnedSelf && cpus !== undefined) setAffinity(process.pid, cpus);
    process.setMaxListeners(maxListeners);
  }
}

function perSecond(
  latencies: readonly number[],
  sendTimes: readonly number[],
  windowStart: number,
  seconds: number,
): PropagationBenchResult['latencyBySecond'] {
  const buckets: number[][] = Array.from({ length: Math.ceil(seconds) }, () => []);
  latencies.forEach((latency, i) => {
    const second = Math.floor(((sendTimes[i] ?? windowStart) - windowStart) / 1000);
    buckets[Math.min(buckets.length - 1, Math.max(0, second))]?.push(latency);
  });
  return buckets.map((bucket, second) => {
    const s = summarize(bucket);
    return { second, p50: s.p50, p99: s.p99, max: s.max };
  });
}

function slowest(
  latencies: readonly number[],
  sendTimes: readonly number[],
  windowStart: number,
): PropagationBenchResult['slowestEdits'] {
  const byEdit = new Map<number, number[]>();
  latencies.forEach((latency, i) => {
    const sent = sendTimes[i] ?? 0;
    let list = byEdit.get(sent);
    if (list === undefined) byEdit.set(sent, (list = []));
    list.push(latency);
  });
  return [...byEdit.entries()]
    .map(([sent, list]) => {
      const s = summarize(list);
      return {
        sentAtMs: sent - windowStart,
        maxMs: s.max,
        medianMs: s.p50,
        over50ms: list.filter((l) => l > 50).length,
        recipients: list.length,
      };
    })
    .sort((a, b) => b.maxMs - a.maxMs)
    .slice(0, 5);
}

function destroyPeers(peers: Peer[]): void {
  for (const peer of peers.splice(0)) {
    peer.provider.destroy();
    peer.doc.destroy();
  }
}
