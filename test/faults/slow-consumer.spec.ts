import { readFile, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type BoardClient } from '../support/clients.js';
import { makeDataDir, spawnServer, tokens } from '../support/server.js';
import { eventually } from '../support/wait.js';
import { runCleanup, sleep } from './support.js';

const MAX_BUFFERED = 1024 * 1024;

/** A raw TCP client that completes the WebSocket handshake and then never reads again. */
async function stalledClient(url: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 101')) {
        reject(new Error(`handshake refused: ${chunk.toString('latin1').split('\r\n')[0]}`));
        return;
      }
      socket.pause(); // never read again
      resolve();
    });
  });
  return socket;
}

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error('no VmRSS');
  return Number(kb) * 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

describe('faults: a client that stops reading', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(() => runCleanup(cleanup));

  it('does not stall the others and is dropped with 4408 past maxBufferedBytes', async () => {
    const dataDir = await makeDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await spawnServer({
      dataDir,
      env: { MAX_BUFFERED_BYTES: String(MAX_BUFFERED), RATE_LIMIT_PER_SECOND: '1000' },
    });
    cleanup.push(() => server.kill('SIGTERM'));
    const board = await server.createBoard();
    const t = tokens(board);

    const writer = connectClient(server.wsUrl, board.id, {
      author: 'writer',
      token: t.facilitator,
    });
    const readers: BoardClient[] = Array.from({ length: 4 }, (_, n) =>
      connectClient(server.wsUrl, board.id, { author: `reader-${n}`, token: t.viewer }),
    );
    cleanup.push(() => [writer, ...readers].forEach((c) => c.destroy()));
    await Promise.all([writer, ...readers].map((c) => c.whenSynced()));

    const stalled = await stalledClient(server.url, `/yjs/${board.id}?token=${t.viewer}`);
    cleanup.push(() => stalled.destroy());
    const rssBefore = await rssBytes(server.child.pid!);

    // Propagation probes: the writer stamps a key, every reader notes when it arrives.
    const latencies: number[] = [];
    for (const reader of readers) {
      reader.doc.getMap<number>('probe').observe((event) => {
        const now = Date.now();
        for (const key of event.keysChanged) {
          const sentAt = reader.doc.getMap<number>('probe').get(key);
          if (sentAt !== undefined) latencies.push(now - sentAt);
        }
      });
    }
    const bulk = writer.doc.getText('bulk');
    const chunk = 'y'.repeat(64 * 1024);
    const started = Date.now();
    let probes = 0;
    // ~3 MB/s of edits for up to 8 s: far more than the stalled client's kernel buffers hold.
    while (Date.now() - started < 8_000) {
      bulk.insert(bulk.length, chunk);
      writer.doc.getMap<number>('probe').set(String(probes++), Date.now());
      await sleep(20);
      if (
        server.output.some((line) => line.includes('client too slow')) &&
        Date.now() - started > 4_000
      ) {
        break;
      }
    }
    const rssAfter = await rssBytes(server.child.pid!);

    await eventually(
      () => readers.forEach((r) => expect(r.doc.getText('bulk').length).toBe(bulk.length)),
      {
        timeoutMs: 10_000,
      },
    );
    // The stalled client was dropped (logged with the close code's reason), the others not.
    expect(server.output.some((line) => line.includes('client too slow'))).toBe(true);
    expect([writer, ...readers].every((c) => c.provider.wsconnected)).toBe(true);
    expect(readers.every((c) => c.closes.length === 0)).toBe(true);
    // Everyone else kept up while it lagged.
    expect(latencies.length).toBe(readers.length * probes);
    const p99 = percentile(latencies, 99);
    expect(p99).toBeLessThan(1_000);
    // Memory stays bounded: no backlog of the stalled client kept (the doc itself grows by
    // the bulk text, a few times over in Yjs structures and SQLite caches).
    expect(rssAfter - rssBefore).toBeLessThan(200 * 1024 * 1024);
    console.info(
      `[faults] slow consumer: ${probes} probes × ${readers.length} readers, p50 ` +
        `${percentile(latencies, 50)} ms, p99 ${p99} ms, ${(bulk.length / 1e6).toFixed(1)} MB sent, ` +
        `server RSS +${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB`,
    );
  });
});
