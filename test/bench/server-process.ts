/**
 * Runs the Werkraum server as a child process for the benchmark: starts it on a free port with
 * a throw-away data directory, waits for the URL it logs, collects warnings it logs meanwhile,
 * and stops it (SIGTERM, then SIGKILL after a timeout).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerLogSummary {
  /** Log lines at pino level warn (40) or above, counted by their `msg`. */
  warnings: Record<string, number>;
  /** Lines that were not JSON (e.g. stack traces on stderr). */
  otherLines: string[];
}

export interface StartedServer {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  httpUrl: string;
  /** `ws://127.0.0.1:<port>` */
  wsUrl: string;
  /** CPU the server is pinned to, if it was pinned. */
  pinnedCpu: number | undefined;
  logs: ServerLogSummary;
  /** Resolves with the exit code (or signal name) when the process has exited. */
  exited: Promise<number | string>;
  stop(timeoutMs?: number): Promise<{ exit: number | string; forced: boolean; shutdownMs: number }>;
}

export interface StartServerOptions {
  /** Path of the built server entry (`apps/server/dist/main.js`). */
  entry: string;
  /** Pin the server to this CPU with taskset (if taskset exists). */
  pinCpu?: number | undefined;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** Extra arguments for node before the entry (e.g. `--cpu-prof`, `--import <probe>`). */
  nodeArgs?: string[];
  /** Arguments after the entry. */
  args?: string[];
  /** Use this data directory and keep it (default: a fresh temp directory, removed on stop). */
  dataDir?: string;
}

const maxOtherLines = 20;

/** The CPUs this process may run on, from `taskset -pc`, or undefined without taskset. */
export function allowedCpus(pid = process.pid): number[] | undefined {
  const out = spawnSync('taskset', ['-pc', String(pid)], { encoding: 'utf8', timeout: 2_000 });
  if (out.status !== 0 || typeof out.stdout !== 'string') return undefined;
  const list = out.stdout.split(':').pop()?.trim();
  if (!list) return undefined;
  const cpus: number[] = [];
  for (const part of list.split(',')) {
    const [from, to] = part.split('-').map((n) => Number.parseInt(n, 10));
    if (from === undefined || !Number.isFinite(from)) continue;
    const last = to !== undefined && Number.isFinite(to) ? to : from;
    for (let cpu = from; cpu <= last; cpu += 1) cpus.push(cpu);
  }
  return cpus.length > 0 ? cpus : undefined;
}

/** Sets the CPU affinity of all threads of a process; returns whether it worked. */
export function setAffinity(pid: number, cpus: readonly number[]): boolean {
  const out = spawnSync('taskset', ['-a', '-pc', cpus.join(','), String(pid)], {
    encoding: 'utf8',
    timeout: 2_000,
  });
  return out.status === 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Finds the server's URL in a log line: a JSON `url` field, or any http URL with a port. */
export function parseListenUrl(line: string): URL | undefined {
  const candidates: string[] = [];
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === 'object') {
      for (const key of ['url', 'address', 'listening']) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string') candidates.push(value);
      }
    }
  } catch {
    // not JSON; fall through to the plain-text search
  }
  const plain = /https?:\/\/[^\s"'/]+:\d+/.exec(line);
  if (plain) candidates.push(plain[0]);
  for (const candidate of candidates) {
    try {
      const url = new URL(candidate);
      if (url.port !== '') return url;
    } catch {
      // not a URL; try the next candidate
    }
  }
  return undefined;
}

export async function startServer(options: StartServerOptions): Promise<StartedServer> {
  if (!existsSync(options.entry)) {
    throw new Error(
      `server entry ${options.entry} does not exist — build it first (pnpm --filter @werkraum/server build)`,
    );
  }
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'werkraum-bench-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SERVE_WEB: 'false',
    ...options.env,
  };
  const hasTaskset = options.pinCpu !== undefined && allowedCpus() !== undefined;
  const nodeCommand = [
    process.execPath,
    ...(options.nodeArgs ?? []),
    options.entry,
    ...(options.args ?? []),
  ];
  const [command, args] = hasTaskset
    ? ['taskset', ['-c', String(options.pinCpu), ...nodeCommand]]
    : [nodeCommand[0] as string, nodeCommand.slice(1)];
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) {
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw new Error('could not spawn the server');
  }

  const logs: ServerLogSummary = { warnings: {}, otherLines: [] };
  const recent: string[] = [];
  let resolveUrl: (url: URL) => void = () => undefined;
  const urlFound = new Promise<URL>((resolve) => (resolveUrl = resolve));
  const onLine = (line: string): void => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    const url = parseListenUrl(line);
    if (url) resolveUrl(url);
    try {
      const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown };
      if (typeof parsed.level === 'number' && parsed.level >= 40) {
        const msg = typeof parsed.msg === 'string' ? parsed.msg : line.slice(0, 120);
        logs.warnings[msg] = (logs.warnings[msg] ?? 0) + 1;
      }
    } catch {
      if (line.trim() !== '' && logs.otherLines.length < maxOtherLines)
        logs.otherLines.push(line.slice(0, 300));
    }
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const cleanup = async (): Promise<void> => {
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const stop: StartedServer['stop'] = async (timeoutMs = 5_000) => {
    const started = performance.now();
    let forced = false;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([
        exited,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs).unref()),
      ]);
      if (done === undefined) {
        forced = true;
        child.kill('SIGKILL');
      }
    }
    const exit = await withTimeout(exited, 5_000, 'server exit after SIGKILL').catch(
      () => 'unknown',
    );
    await cleanup();
    return { exit, forced, shutdownMs: performance.now() - started };
  };

  try {
    const url = await withTimeout(
      Promise.race([
        urlFound,
        exited.then((code) => {
          throw new Error(`server exited (${code}) before it was listening`);
        }),
      ]),
      options.startTimeoutMs ?? 20_000,
      'server start',
    );
    // Always talk to the loopback address, whatever host the server reports.
    const port = url.port;
    return {
      pid,
      httpUrl: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}`,
      pinnedCpu: hasTaskset ? options.pinCpu : undefined,
      logs,
      exited,
      stop,
    };
  } catch (error) {
    await stop(2_000);
    const tail = recent.join('\n');
    throw new Error(`${(error as Error).message}\n--- server output ---\n${tail}`, {
      cause: error,
    });
  }
}
