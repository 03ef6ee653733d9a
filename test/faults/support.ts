/**
 * Support of the fault suite: a test-owned redis-server, edit loops, convergence checks and a
 * seeded PRNG. Every child process started here is stopped by its PID.
 */
import { toPlainBoard, type ItemKind } from '@werkraum/model';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import * as Y from 'yjs';
import { containsUpdate, type BoardClient } from '../support/clients.js';

/** A free TCP port on 127.0.0.1 (bound and released again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * A redis-server of this test on its own port, without persistence: `stop()` kills it (by
 * PID) and `start()` starts an empty one on the same port — a Redis restart that loses
 * everything. Never the shared Redis on 6379.
 */
export async function startTestRedis() {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const output: string[] = [];
  const url = `redis://127.0.0.1:${port}`;

  async function start(): Promise<void> {
    if (child) throw new Error('test redis already running');
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (started.exitCode !== null) {
        throw new Error(`redis-server exited with ${started.exitCode}:\n${output.join('')}`);
      }
      const probe = createClient({ url, socket: { reconnectStrategy: false } });
      probe.on('error', () => undefined); // reported by connect() below
      try {
        await probe.connect();
        await probe.ping();
        await probe.close();
        return;
      } catch (error) {
        if (probe.isOpen) probe.destroy();
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running) return;
    child = null;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  }

  await start();
  return { url, port, start, stop, output };
}

/** Mulberry32: a small seeded PRNG (reproducible fuzzing). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number): number => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    bytes: (n: number): Uint8Array => Uint8Array.from({ length: n }, () => (next() * 256) | 0),
  };
}

/**
 * Every client creates a measure (and sets its status) about `perSecond` times a second until
 * `stop()`; each measure's title is unique (`<client>-<n>`). Edits go on while disconnected:
 * they stay in the client's doc and are sent on reconnect.
 */
export function editLoop(clients: BoardClient[], parentId: string, perSecond: number) {
  let running = true;
  const created = clients.map(() => 0);
  const loops = clients.map(async (client, n) => {
    // Spread the clients over the interval.
    await new Promise((resolve) => setTimeout(resolve, (n * 1000) / perSecond / clients.length));
    while (running) {
      const i = created[n]!;
      const id = client.model.create('measure', {
        parentId,
        content: { title: `m${n}-${i}`, owner: `Träger ${n}` },
      });
      client.model.update<'measure'>(id, { status: i % 2 ? 'inProgress' : 'planned' });
      created[n] = i + 1;
      await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
    }
  });
  return {
    created,
    get total(): number {
      return created.reduce((a, b) => a + b, 0);
    },
    async stop(): Promise<void> {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Throws unless every doc has the same state vector, delete set and plain board. */
export function expectConverged(docs: Y.Doc[]): void {
  const [first, ...rest] = docs;
  if (!first) return;
  const reference = Y.snapshot(first);
  const plain = JSON.stringify(toPlainBoard(first));
  rest.forEach((doc, i) => {
    if (!Y.equalSnapshots(reference, Y.snapshot(doc))) {
      throw new Error(`doc ${i + 1} differs from doc 0 (state vector or delete set)`);
    }
    if (JSON.stringify(toPlainBoard(doc)) !== plain) {
      throw new Error(`doc ${i + 1} differs from doc 0 (plain board)`);
    }
  });
}

/**
 * Checks every update any client received against `doc` with `containsUpdate`. Clients
 * receive the same relayed updates, so each distinct update is checked once.
 */
export function checkReceived(
  doc: Y.Doc,
  received: Uint8Array[][],
): { total: number; distinct: number; missing: number; measures: number } {
  const distinct = new Map<string, Uint8Array>();
  let total = 0;
  for (const list of received) {
    for (const update of list) {
      total++;
      distinct.set(Buffer.from(update).toString('base64'), update);
    }
  }
  let missing = 0;
  for (const update of distinct.values()) if (!containsUpdate(doc, update)) missing++;
  // How much was checked, in edits: the server merges the updates of one turn into one frame,
  // so the number of updates says little; the measures they carry do.
  const seen = new Y.Doc();
  for (const update of distinct.values()) Y.applyUpdate(seen, update);
  const measures = toPlainBoard(seen).measures.length;
  seen.destroy();
  return { total, distinct: distinct.size, missing, measures };
}

/** Titles of items of `kind` that occur more than once. */
export function duplicateTitles(doc: Y.Doc, kind: ItemKind = 'measure'): string[] {
  const board = toPlainBoard(doc) as unknown as Record<string, { title?: string }[]>;
  const key = `${kind}s`;
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const item of board[key] ?? []) {
    const title = item.title ?? '';
    if (seen.has(title)) dupes.push(title);
    seen.add(title);
  }
  return dupes;
}

/** Runs cleanup steps in reverse order; every step runs, the first error is rethrown. */
export async function runCleanup(steps: (() => unknown)[]): Promise<void> {
  let failure: unknown = null;
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
