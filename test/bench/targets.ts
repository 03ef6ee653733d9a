/**
 * The servers the scale benchmark compares, each in its own child process on loopback:
 * the null relay and the stock y-websocket server (ref-server.mjs), Werkraum (SQLite), and two
 * Werkraum processes with Redis + PostgreSQL (a per-run database and Redis prefix, removed at
 * the end). Every server runs with the event-loop probe (loop-probe.mjs) preloaded.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { cleanRedis, createTestDatabase } from '../support/services.js';
import { defaultServerEntry } from './propagation.js';
import { startServer, type StartedServer } from './server-process.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
export const refServerEntry = resolve(benchDir, 'ref-server.mjs');
const loopProbe = pathToFileURL(resolve(benchDir, 'loop-probe.mjs')).href;

export type TargetKind = 'null' | 'reference' | 'werkraum' | 'werkraum-2p';

export const targetLabels: Record<TargetKind, string> = {
  null: 'null relay',
  reference: 'reference (y-websocket server)',
  werkraum: 'Werkraum (1 process, SQLite)',
  'werkraum-2p': 'Werkraum (2 processes, Redis + PostgreSQL)',
};

export interface BoardHandle {
  id: string;
  facilitator: string;
  participant: string;
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Target {
  kind: TargetKind;
  servers: StartedServer[];
  /** Document URL of a board for server `index` (round robin over processes). */
  docUrl(
    board: BoardHandle,
    role: 'facilitator' | 'participant',
    index: number,
    author?: string,
  ): string;
  httpUrl(index: number): string;
  createBoard(): Promise<BoardHandle>;
  /** Opens a process step for participation (Werkraum: socket.io `session:openStep`). */
  openStep(board: BoardHandle, step: number): Promise<void>;
  /** Starts a new event-loop window on every server. */
  resetLoopDelay(): Promise<void>;
  /** Event-loop delay of each server since the last reset. */
  readLoopDelay(): Promise<(LoopDelay | undefined)[]>;
  stop(): Promise<{ exit: number | string; forced: boolean }[]>;
}

export interface StartTargetOptions {
  kind: TargetKind;
  serverEntry?: string;
  /** CPU for the server process(es), or undefined. */
  pinCpu?: number | undefined;
  /** Directory to write a `--cpu-prof` profile of each server into. */
  cpuProfileDir?: string;
  /** Data directory to use and keep (Werkraum 1 process only). */
  dataDir?: string;
  log?: (line: string) => void;
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Environment of a benchmarked Werkraum process: bench-sized limits, nothing else changed. */
const werkraumEnv = {
  // The benchmark creates up to a few hundred boards from one address.
  HTTP_WRITE_LIMIT_PER_MINUTE: '100000',
};

/** PIDs of running processes with one of these command names (e.g. redis-server, postgres). */
export function pidsByCommand(names: readonly string[]): number[] {
  const pids: number[] = [];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        if (names.includes(comm)) pids.push(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return pids;
}

export async function startTarget(options: StartTargetOptions): Promise<Target> {
  const { kind } = options;
  const log = options.log ?? (() => undefined);
  const loopDir = await mkdtemp(join(tmpdir(), 'werkraum-bench-loop-'));
  const cleanups: (() => Promise<unknown>)[] = [
    () => rm(loopDir, { recursive: true, force: true }),
  ];
  const servers: StartedServer[] = [];
  const loopFiles: string[] = [];
  const nodeArgs = (index: number): string[] => [
    '--import',
    loopProbe,
    ...(options.cpuProfileDir === undefined
      ? []
      : [
          '--cpu-prof',
          '--cpu-prof-dir',
          options.cpuProfileDir,
          '--cpu-prof-name',
          `${kind}-${index}.cpuprofile`,
        ]),
  ];
  const spawnOne = async (
    index: number,
    env: Record<string, string>,
    entry: string,
    args: string[],
  ) => {
    const loopFile = join(loopDir, `loop-${index}.json`);
    loopFiles.push(loopFile);
    const server = await startServer({
      entry,
      args,
      pinCpu: options.pinCpu,
      nodeArgs: nodeArgs(index),
      env: { ...env, BENCH_LOOP_FILE: loopFile },
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
    servers.push(server);
    log(`${kind} server ${index}: pid ${server.pid} at ${server.httpUrl}`);
    return server;
  };

  try {
    if (kind === 'null' || kind === 'reference') {
      await spawnOne(0, {}, refServerEntry, [kind === 'null' ? 'null' : 'yws']);
    } else if (kind === 'werkraum') {
      await spawnOne(0, werkraumEnv, options.serverEntry ?? defaultServerEntry, []);
    } else {
      const database = await createTestDatabase('bench');
      cleanups.push(() => database.drop());
      const prefix = `werkraum-bench-${randomBytes(6).toString('hex')}`;
      cleanups.push(() => cleanRedis(prefix));
      log(`per-run database ${new URL(database.url).pathname.slice(1)}, Redis prefix ${prefix}`);
      const env = {
        ...werkraumEnv,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        DATABASE_URL: database.url,
      };
      // One after the other: the first runs the migrations.
      await spawnOne(
        0,
        { ...env, INSTANCE_ID: 'bench-a' },
        options.serverEntry ?? defaultServerEntry,
        [],
      );
      await spawnOne(
        1,
        { ...env, INSTANCE_ID: 'bench-b' },
        options.serverEntry ?? defaultServerEntry,
        [],
      );
    }
  } catch (error) {
    for (const server of servers) await server.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }

  const isWerkraum = kind === 'werkraum' || kind === 'werkraum-2p';
  const serverAt = (index: number): StartedServer =>
    servers[index % servers.length] as StartedServer;

  return {
    kind,
    servers,
    httpUrl: (index) => serverAt(index).httpUrl,
    docUrl(board, role, index, author) {
      const base = `${serverAt(index).wsUrl}/yjs/${board.id}`;
      if (!isWerkraum) return base;
      const params = new URLSearchParams({ token: board[role] });
      if (author !== undefined) params.set('author', author);
      return `${base}?${params.toString()}`;
    },
    async createBoard() {
      if (!isWerkraum) {
        return { id: `bench-${randomBytes(8).toString('hex')}`, facilitator: '', participant: '' };
      }
      const response = await fetch(`${serverAt(0).httpUrl}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ municipality: 'Benchstadt', title: 'Lastprobe' }),
      });
      if (response.status !== 201) {
        throw new Error(`POST /api/boards → ${response.status}: ${await response.text()}`);
      }
      const body = (await response.json()) as {
        id: string;
        links: Record<string, { token: string }>;
      };
      const facilitator = body.links.facilitator?.token;
      const participant = body.links.participant?.token;
      if (!facilitator || !participant) throw new Error('board created without links');
      return { id: body.id, facilitator, participant };
    },
    async openStep(board, step) {
      if (!isWerkraum) return;
      const socket = io(serverAt(0).httpUrl, {
        transports: ['websocket'],
        auth: { boardId: board.id, token: board.facilitator },
        reconnection: false,
      });
      try {
        await new Promise<void>((resolveConnect, reject) => {
          socket.once('connect', () => resolveConnect());
          socket.once('connect_error', (error) => reject(error));
        });
        const ack = (await socket.timeout(10_000).emitWithAck('session:openStep', { step })) as {
          ok: boolean;
          error?: { code: string; message: string };
        };
        if (!ack.ok)
          throw new Error(`session:openStep refused: ${ack.error?.code} ${ack.error?.message}`);
      } finally {
        socket.disconnect();
      }
    },
    async resetLoopDelay() {
      for (const server of servers) process.kill(server.pid, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 30));
    },
    async readLoopDelay() {
      for (const server of servers) process.kill(server.pid, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 150));
      return Promise.all(
        loopFiles.map(async (file) => {
          try {
            return JSON.parse(await readFile(file, 'utf8')) as LoopDelay;
          } catch {
            return undefined;
          }
        }),
      );
    },
    async stop() {
      const results: { exit: number | string; forced: boolean }[] = [];
      for (const server of servers) results.push(await server.stop());
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
      }
      return results;
    },
  };
}

/** A socket.io session per client (Werkraum's presence channel). */
export function openPresenceSocket(
  httpUrl: string,
  boardId: string,
  token: string,
  author: string,
): Socket {
  return io(httpUrl, {
    transports: ['websocket'],
    auth: { boardId, token, author },
    reconnection: false,
  });
}

/** Top functions by self time in a V8 `.cpuprofile`. */
export async function topFunctions(
  file: string,
  count = 12,
): Promise<{ name: string; where: string; selfMs: number; percent: number }[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byNode = new Map<number, (typeof profile.nodes)[number]>();
  for (const node of profile.nodes) byNode.set(node.id, node);
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byNode.get(id);
    if (node === undefined) return;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name !== '(idle)' && name !== '(program)') totalUs += delta;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const short = url.includes('node_modules')
      ? url.slice(url.lastIndexOf('node_modules') + 'node_modules/'.length)
      : url.replace(/^.*\/(apps|packages)\//, '$1/');
    const where = url === '' ? '' : `${short}:${node.callFrame.lineNumber + 1}`;
    const key = `${name}@${where}`;
    const entry = selfUs.get(key) ?? { name, where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  });
  return [...selfUs.values()]
    .filter((e) => e.name !== '(idle)' && e.name !== '(program)')
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({
      name: e.name,
      where: e.where,
      selfMs: e.us / 1000,
      percent: totalUs > 0 ? (e.us / totalUs) * 100 : 0,
    }));
}
