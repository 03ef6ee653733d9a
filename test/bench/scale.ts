/**
 * Scale benchmark: B boards × N raw-protocol clients (raw-client.ts), a share of them editing
 * (each edit creates a need item whose text carries its send time), optional awareness at a
 * fixed rate and — on Werkraum — a socket.io presence session per client; plus 3 stock
 * y-websocket providers on board 0 whose final docs must be identical. Runs against one target
 * (targets.ts) per call, so that the same load hits the null relay, the reference server and
 * Werkraum in one invocation.
 */
import { randomBytes } from 'node:crypto';
import { deriveAuthorId, BoardModel } from '@werkraum/model';
import type { Socket } from 'socket.io-client';
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
  awarenessFrame,
  findMarkers,
  type Marker,
  markerText,
  now,
  RawClient,
} from './raw-client.js';
import { allowedCpus, setAffinity } from './server-process.js';
import { type LatencySummary, summarize } from './stats.js';
import {
  type BoardHandle,
  type LoopDelay,
  openPresenceSocket,
  pidsByCommand,
  startTarget,
  type Target,
  type TargetKind,
  topFunctions,
} from './targets.js';

export interface ScaleOptions {
  target: TargetKind;
  boards?: number;
  clientsPerBoard?: number;
  /** Editing clients per board (default 25 % of the clients, at least 1). */
  editorsPerBoard?: number;
  editsPerSecond?: number;
  /** Awareness updates per second per client (0 = off). */
  awarenessHz?: number;
  /** Werkraum only: socket.io session per client with `presence:update` at this rate (0 = none). */
  presenceHz?: number;
  seconds?: number;
  warmupSeconds?: number;
  /** Stock providers on board 0 whose docs are compared (default 3). */
  stockProviders?: number;
  pin?: boolean;
  connectStaggerMs?: number;
  /** Write a `--cpu-prof` profile of the server(s) here and list the top functions. */
  cpuProfileDir?: string;
  serverEntry?: string;
  log?: (line: string) => void;
}

export type ResolvedScaleOptions = Required<
  Omit<ScaleOptions, 'log' | 'cpuProfileDir' | 'serverEntry'>
> & {
  cpuProfileDir: string | undefined;
};

export interface ScaleResult {
  options: ResolvedScaleOptions;
  startedAt: string;
  pinning: { server: number | undefined; loadGenerator: number | undefined };
  clients: number;
  joinMs: number;
  edits: { sent: number; measured: number; offeredPerSecond: number; achievedPerSecond: number };
  /** Edits × recipients (all edits, warm-up included). */
  expected: number;
  delivered: number;
  undelivered: number;
  duplicates: number;
  latency: LatencySummary;
  /** Delivered updates (edit × recipient) of the measured window per second. */
  deliveredUpdatesPerSecond: number;
  /** All frames the clients received in the measured window, per second. */
  deliveredFramesPerSecond: number;
  /** Payload bytes (WebSocket messages) in the measured window: to and from the clients. */
  wire: { bytesToClients: number; bytesFromClients: number; bytesPerSecond: number };
  presenceEventsPerSecond: number;
  server: {
    pids: number[];
    cpuPercent: number | undefined;
    peakRssBytes: number | undefined;
    loopDelay: (LoopDelay | undefined)[];
    exits: { exit: number | string; forced: boolean }[];
    warnings: Record<string, number>;
  };
  /** CPU of redis-server + postgres processes in the window (2-process runs). */
  servicesCpuPercent: number | undefined;
  loadGenerator: { cpuPercent: number; eventLoopDelayP99Ms: number; saturated: boolean };
  machine: { loadAverageBefore: number | undefined; otherCpuPercent: number | undefined };
  stockDocs: { providers: number; identical: boolean; items: number };
  closes: number;
  profile: { name: string; where: string; selfMs: number; percent: number }[] | undefined;
  ok: boolean;
  failures: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function resolveScaleOptions(options: ScaleOptions): ResolvedScaleOptions {
  const clientsPerBoard = options.clientsPerBoard ?? 10;
  const awarenessHz = options.awarenessHz ?? 0;
  return {
    target: options.target,
    boards: options.boards ?? 1,
    clientsPerBoard,
    editorsPerBoard: options.editorsPerBoard ?? Math.max(1, Math.round(clientsPerBoard * 0.25)),
    editsPerSecond: options.editsPerSecond ?? 5,
    awarenessHz,
    presenceHz: options.presenceHz ?? (awarenessHz > 0 ? 0.2 : 0),
    seconds: options.seconds ?? 5,
    warmupSeconds: options.warmupSeconds ?? 1,
    stockProviders: options.stockProviders ?? 3,
    pin: options.pin ?? true,
    connectStaggerMs: options.connectStaggerMs ?? 2,
    cpuProfileDir: options.cpuProfileDir,
  };
}

interface Client {
  board: number;
  /** Editor index within its board, or -1. */
  editor: number;
  raw: RawClient;
  /** Last sequence number seen per editor of the board. */
  lastSeq: Int32Array;
  received: number;
  model?: BoardModel;
  doc?: Y.Doc;
  seq: number;
  awarenessClock: number;
  awarenessId: number;
  presence?: Socket;
}

/** Runs one scale scenario against one target. Throws only if the run could not be set up. */
export async function runScaleBench(options: ScaleOptions): Promise<ScaleResult> {
  const opts = resolveScaleOptions(options);
  const log = options.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const loadAverageBefore = loadAverage1m();
  const cpus = opts.pin ? allowedCpus() : undefined;
  const canPin = cpus !== undefined && cpus.length >= 2;
  const serverCpu = canPin ? cpus[0] : undefined;
  const generatorCpu = canPin ? cpus[1] : undefined;
  const isWerkraum = opts.target === 'werkraum' || opts.target === 'werkraum-2p';

  const target = await startTarget({
    kind: opts.target,
    pinCpu: serverCpu,
    log,
    ...(opts.cpuProfileDir === undefined ? {} : { cpuProfileDir: opts.cpuProfileDir }),
    ...(options.serverEntry === undefined ? {} : { serverEntry: options.serverEntry }),
  });
  const pinnedSelf = generatorCpu !== undefined && setAffinity(process.pid, [generatorCpu]);
  const clients: Client[] = [];
  const stock: { doc: Y.Doc; provider: WebsocketProvider; closeCodes: number[] }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(Math.max(maxListeners, opts.stockProviders + 20));
  let exits: { exit: number | string; forced: boolean }[] = [];
  try {
    // --- boards ------------------------------------------------------------------------------
    const boards: BoardHandle[] = [];
    for (let b = 0; b < opts.boards; b += 1) {
      const board = await target.createBoard();
      // Participants may create needs while step 3 (Konsultationsworkshop) is open.
      await target.openStep(board, 3);
      boards.push(board);
    }
    log(
      `${boards.length} board(s) ready; connecting ${opts.boards * opts.clientsPerBoard} clients`,
    );

    // --- clients -----------------------------------------------------------------------------
    const latencies: number[] = [];
    let duplicates = 0;
    const markers: Marker[] = [];
    const joinStart = performance.now();
    let index = 0;
    for (let b = 0; b < opts.boards; b += 1) {
      const board = boards[b] as BoardHandle;
      for (let c = 0; c < opts.clientsPerBoard; c += 1, index += 1) {
        const editor = c < opts.editorsPerBoard ? c : -1;
        const author = randomBytes(16).toString('base64url');
        let doc: Y.Doc | undefined;
        let model: BoardModel | undefined;
        if (editor >= 0) {
          doc = new Y.Doc();
          model = new BoardModel(doc, {
            author: `Teilnehmende ${c}`,
            authorId: deriveAuthorId(author),
          });
        }
        const client: Client = {
          board: b,
          editor,
          lastSeq: new Int32Array(opts.editorsPerBoard).fill(-1),
          received: 0,
          seq: 0,
          awarenessClock: 0,
          awarenessId: Math.floor(Math.random() * 0x7fffffff),
          raw: undefined as unknown as RawClient,
          ...(doc === undefined ? {} : { doc }),
          ...(model === undefined ? {} : { model }),
        };
        client.raw = new RawClient({
          url: target.docUrl(board, 'participant', c, author),
          ...(doc === undefined
            ? {}
            : { stateFor: (sv: Uint8Array) => Y.encodeStateAsUpdate(doc, sv) }),
          onUpdate: (bytes, receivedAt) => {
            markers.length = 0;
            findMarkers(bytes, markers);
            for (const marker of markers) {
              if (marker.sender === client.editor) continue; // the reference echoes to the sender
              const last = client.lastSeq[marker.sender] ?? -1;
              if (marker.seq <= last) {
                duplicates += 1;
                continue;
              }
              client.lastSeq[marker.sender] = marker.seq;
              client.received += 1;
              if (!marker.warmup) latencies.push(receivedAt - marker.sendTime);
            }
          },
        });
        if (doc !== undefined) {
          const raw = client.raw;
          doc.on('update', (update: Uint8Array) => raw.sendUpdate(update));
        }
        clients.push(client);
        if (opts.connectStaggerMs > 0) await sleep(opts.connectStaggerMs);
      }
    }
    for (let s = 0; s < opts.stockProviders; s += 1) {
      const board = boards[0] as BoardHandle;
      const doc = new Y.Doc();
      const url = target.docUrl(board, 'participant', s);
      const [base, query] = url.split('?');
      const provider = new WebsocketProvider(
        (base as string).slice(0, (base as string).lastIndexOf('/')),
        board.id,
        doc,
        {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: Object.fromEntries(new URLSearchParams(query ?? '')),
        },
      );
      const entry = { doc, provider, closeCodes: [] as number[] };
      provider.on('connection-close', (event: { code?: number } | null) => {
        entry.closeCodes.push(event?.code ?? 0);
      });
      stock.push(entry);
    }
    const syncDeadline = performance.now() + 60_000;
    await Promise.all(clients.map((c) => c.raw.synced));
    while (stock.some((s) => !s.provider.synced)) {
      if (performance.now() > syncDeadline) throw new Error('stock providers did not sync');
      await sleep(20);
    }
    const joinMs = performance.now() - joinStart;
    log(`all synced in ${joinMs.toFixed(0)} ms`);

    // --- presence and awareness --------------------------------------------------------------
    let presenceEvents = 0;
    if (isWerkraum && opts.presenceHz > 0) {
      await Promise.all(
        clients.map(async (client, i) => {
          const board = boards[client.board] as BoardHandle;
          const author = randomBytes(16).toString('base64url');
          const socket = openPresenceSocket(target.httpUrl(i), board.id, board.participant, author);
          client.presence = socket;
          socket.on('presence:state', () => {
            presenceEvents += 1;
          });
          await new Promise<void>((resolveConnect, reject) => {
            socket.once('connect', () => resolveConnect());
            socket.once('connect_error', (error) => reject(error));
          });
          await socket.timeout(20_000).emitWithAck('board:join', {});
        }),
      );
      log(`${clients.length} presence sessions joined`);
      const periodMs = 1000 / opts.presenceHz;
      clients.forEach((client, i) => {
        const tick = (): void => {
          client.presence?.emit('presence:update', {
            name: `Gast ${i}`,
            color: '#3366aa',
            editing: null,
          });
        };
        const first = setTimeout(
          () => {
            tick();
            const timer = setInterval(tick, periodMs);
            timers.add(timer);
          },
          (periodMs * i) / clients.length,
        );
        timers.add(first);
      });
    }
    if (opts.awarenessHz > 0) {
      const periodMs = 1000 / opts.awarenessHz;
      clients.forEach((client, i) => {
        const tick = (): void => {
          client.awarenessClock += 1;
          client.raw.send(
            awarenessFrame(client.awarenessId, client.awarenessClock, {
              user: { name: `Gast ${i}`, color: '#3366aa' },
              cursor: null,
            }),
          );
        };
        const first = setTimeout(
          () => {
            tick();
            const timer = setInterval(tick, periodMs);
            timers.add(timer);
          },
          (periodMs * i) / clients.length,
        );
        timers.add(first);
      });
    }

    // --- edit --------------------------------------------------------------------------------
    const editors = clients.filter((c) => c.editor >= 0);
    const intervalMs = 1000 / opts.editsPerSecond;
    const editStart = performance.now() + 100;
    const measureStart = editStart + opts.warmupSeconds * 1000;
    const editEnd = measureStart + opts.seconds * 1000;
    let sent = 0;
    let sentMeasured = 0;
    const expectedPerEdit = opts.clientsPerBoard - 1;
    const done = new Promise<void>((resolveDone) => {
      let running = editors.length;
      editors.forEach((client, e) => {
        let next = editStart + (intervalMs * e) / editors.length;
        const tick = (): void => {
          const at = performance.now();
          if (at >= editEnd) {
            running -= 1;
            if (running === 0) resolveDone();
            return;
          }
          const warmup = at < measureStart;
          client.model?.create('need', {
            content: { text: markerText(client.editor, client.seq, now(), warmup), lang: 'de' },
          });
          client.seq += 1;
          sent += 1;
          if (!warmup) sentMeasured += 1;
          next += intervalMs;
          const timer = setTimeout(tick, Math.max(0, next - performance.now()));
          timers.add(timer);
        };
        timers.add(setTimeout(tick, Math.max(0, next - performance.now())));
      });
    });

    // measured window: start
    await sleep(Math.max(0, measureStart - performance.now()));
    const servicePids =
      opts.target === 'werkraum-2p' ? pidsByCommand(['redis-server', 'postgres']) : [];
    const cpuOf = (pids: number[]): number | undefined => {
      let sum = 0;
      for (const pid of pids) {
        const cpu = processCpuSeconds(pid);
        if (cpu === undefined) return undefined;
        sum += cpu;
      }
      return sum;
    };
    const serverPids = target.servers.map((s) => s.pid);
    const samplers = serverPids.map((pid) => new ProcessSampler(pid, 200));
    samplers.forEach((s) => s.start());
    await target.resetLoopDelay();
    const selfMeter = new SelfCpuMeter();
    const windowStart = {
      wall: performance.now(),
      machine: machineBusyCpuSeconds(),
      servers: cpuOf(serverPids),
      services: cpuOf(servicePids),
      self: process.cpuUsage(),
      framesIn: clients.reduce((s, c) => s + c.raw.framesIn, 0),
      bytesIn: clients.reduce((s, c) => s + c.raw.bytesIn, 0),
      bytesOut: clients.reduce((s, c) => s + c.raw.bytesOut, 0),
      presence: presenceEvents,
    };
    await done;
    const wallSeconds = (performance.now() - windowStart.wall) / 1000;
    const loopDelay = await target.readLoopDelay();
    const serverStats = samplers.map((s) => s.stop());
    const selfStats = selfMeter.stop();
    const machineEnd = machineBusyCpuSeconds();
    const serversEnd = cpuOf(serverPids);
    const servicesEnd = cpuOf(servicePids);
    const selfUsed = process.cpuUsage(windowStart.self);
    const framesIn = clients.reduce((s, c) => s + c.raw.framesIn, 0) - windowStart.framesIn;
    const bytesIn = clients.reduce((s, c) => s + c.raw.bytesIn, 0) - windowStart.bytesIn;
    const bytesOut = clients.reduce((s, c) => s + c.raw.bytesOut, 0) - windowStart.bytesOut;
    const presenceInWindow = presenceEvents - windowStart.presence;
    const measuredDeliveries = latencies.length;
    for (const timer of timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }

    // --- drain -------------------------------------------------------------------------------
    const expected = sent * expectedPerEdit;
    const delivered = (): number => clients.reduce((s, c) => s + c.received, 0);
    let last = delivered();
    let lastProgress = performance.now();
    const drainDeadline = performance.now() + 15_000;
    while (delivered() < expected && performance.now() < drainDeadline) {
      await sleep(25);
      const count = delivered();
      if (count !== last) {
        last = count;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 3_000) break;
    }
    const deliveredAll = delivered();
    // Stock providers: everything sent on board 0 must have arrived, and their docs must agree.
    const board0Edits = editors.filter((c) => c.board === 0).reduce((s, c) => s + c.seq, 0);
    const stockDeadline = performance.now() + 20_000;
    const itemsOf = (doc: Y.Doc): number => doc.getMap('items').size;
    while (stock.some((s) => itemsOf(s.doc) < board0Edits) && performance.now() < stockDeadline) {
      await sleep(50);
    }
    const stockIdentical =
      stock.length === 0 ||
      stock.every((s) => {
        const first = stock[0] as (typeof stock)[number];
        return (
          Y.equalSnapshots(Y.snapshot(first.doc), Y.snapshot(s.doc)) &&
          itemsOf(s.doc) === itemsOf(first.doc) &&
          itemsOf(s.doc) >= board0Edits
        );
      });
    const stockItems = stock[0] === undefined ? 0 : itemsOf(stock[0].doc);
    const closes = clients.filter((c) => c.raw.closeCode !== undefined).length;

    // --- clean up ----------------------------------------------------------------------------
    for (const client of clients) {
      client.presence?.disconnect();
      client.raw.close();
      client.doc?.destroy();
    }
    for (const s of stock) {
      s.provider.destroy();
      s.doc.destroy();
    }
    await sleep(100);
    exits = await target.stop();
    let profile: ScaleResult['profile'];
    if (opts.cpuProfileDir !== undefined) {
      profile = await topFunctions(`${opts.cpuProfileDir}/${opts.target}-0.cpuprofile`).catch(
        () => undefined,
      );
    }

    const others =
      machineEnd !== undefined &&
      windowStart.machine !== undefined &&
      serversEnd !== undefined &&
      windowStart.servers !== undefined
        ? machineEnd -
          windowStart.machine -
          (serversEnd - windowStart.servers) -
          (selfUsed.user + selfUsed.system) / 1e6
        : undefined;
    const servicesCpu =
      servicesEnd !== undefined && windowStart.services !== undefined && servicePids.length > 0
        ? ((servicesEnd - windowStart.services) / wallSeconds) * 100
        : undefined;
    const offeredPerSecond = editors.length * opts.editsPerSecond;
    const achievedPerSecond = sentMeasured / opts.seconds;
    const warnings: Record<string, number> = {};
    for (const server of target.servers) {
      for (const [msg, n] of Object.entries(server.logs.warnings))
        warnings[msg] = (warnings[msg] ?? 0) + n;
    }
    const failures: string[] = [];
    if (deliveredAll < expected)
      failures.push(`${expected - deliveredAll} of ${expected} updates undelivered`);
    if (!stockIdentical) {
      failures.push(
        `stock providers’ documents differ or miss edits (items ${stock.map((x) => itemsOf(x.doc)).join('/')}, board 0 edits ${board0Edits}; connection closes ${stock.map((x) => x.closeCodes.join(',') || 'none').join(' / ')})`,
      );
    }
    if (closes > 0) failures.push(`${closes} client connections closed during the run`);
    const cpuSum = serverStats.every((s) => s.cpuPercent !== undefined)
      ? serverStats.reduce((s, x) => s + (x.cpuPercent ?? 0), 0)
      : undefined;
    const rssSum = serverStats.every((s) => s.peakRssBytes !== undefined)
      ? serverStats.reduce((s, x) => s + (x.peakRssBytes ?? 0), 0)
      : undefined;
    return {
      options: opts,
      startedAt,
      pinning: { server: serverCpu, loadGenerator: pinnedSelf ? generatorCpu : undefined },
      clients: clients.length,
      joinMs,
      edits: { sent, measured: sentMeasured, offeredPerSecond, achievedPerSecond },
      expected,
      delivered: deliveredAll,
      undelivered: expected - deliveredAll,
      duplicates,
      latency: summarize(latencies),
      deliveredUpdatesPerSecond: measuredDeliveries / opts.seconds,
      deliveredFramesPerSecond: framesIn / wallSeconds,
      wire: {
        bytesToClients: bytesIn,
        bytesFromClients: bytesOut,
        bytesPerSecond: (bytesIn + bytesOut) / wallSeconds,
      },
      presenceEventsPerSecond: presenceInWindow / wallSeconds,
      server: {
        pids: serverPids,
        cpuPercent: cpuSum,
        peakRssBytes: rssSum,
        loopDelay,
        exits,
        warnings,
      },
      servicesCpuPercent: servicesCpu,
      loadGenerator: {
        cpuPercent: selfStats.cpuPercent,
        eventLoopDelayP99Ms: selfStats.loopDelayP99Ms,
        saturated: selfStats.cpuPercent >= 85 || achievedPerSecond < 0.95 * offeredPerSecond,
      },
      machine: {
        loadAverageBefore,
        otherCpuPercent:
          others === undefined
            ? undefined
            : Math.max(0, (others / wallSeconds) * 100 - (servicesCpu ?? 0)),
      },
      stockDocs: { providers: stock.length, identical: stockIdentical, items: stockItems },
      closes,
      profile,
      ok: failures.length === 0,
      failures,
    };
  } finally {
    for (const timer of timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    for (const client of clients) {
      client.presence?.disconnect();
      client.raw.close();
    }
    for (const s of stock) s.provider.destroy();
    if (exits.length === 0) await target.stop().catch(() => undefined);
    if (pinnedSelf && cpus !== undefined) setAffinity(process.pid, cpus);
    process.setMaxListeners(maxListeners);
  }
}

export type { Target };

/**
 * Smoke size of the scale suite, for a CI test: the null relay and Werkraum (1 process), one
 * board with 4 raw clients (1 editing at 5 edits/s, awareness 1 Hz, presence on Werkraum) and 2
 * stock providers, 1 s measured, unpinned. Every result should have `ok === true`
 * (0 undelivered, identical stock docs, no closed connections).
 */
export async function runScaleSmoke(): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const target of ['null', 'werkraum'] as const) {
    results.push(
      await runScaleBench({
        target,
        boards: 1,
        clientsPerBoard: 4,
        editorsPerBoard: 1,
        editsPerSecond: 5,
        awarenessHz: 1,
        presenceHz: target === 'werkraum' ? 1 : 0,
        seconds: 1,
        warmupSeconds: 0.2,
        stockProviders: 2,
        pin: false,
      }),
    );
  }
  return results;
}
