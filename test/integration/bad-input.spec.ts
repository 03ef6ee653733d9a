import { CloseCode } from '@werkraum/server';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectClient } from '../support/clients.js';
import { startServer } from '../support/server.js';
import { eventually } from '../support/wait.js';

const MAX_FRAME = 64 * 1024;

/** Opens a raw WebSocket on a board, sends `frames` once open and resolves when it closes. */
function attack(
  url: string,
  frames: (Uint8Array | string)[],
): Promise<{ code: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let error: string | undefined;
    const timer = setTimeout(() => reject(new Error(`${url} was not closed within 5 s`)), 5_000);
    ws.on('error', (e) => (error = e.message));
    ws.on('open', () => frames.forEach((frame) => ws.send(frame)));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, error });
    });
  });
}

describe('bad input on the y-websocket endpoint', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('disconnects the sender, keeps serving others and leaves the stored doc unchanged', async () => {
    let server = await startServer({ maxFrameBytes: MAX_FRAME });
    const dataDir = server.dataDir;
    cleanup.push(() => server.close());
    const { id, links } = await server.createBoard();
    const token = links.facilitator.token;
    const good = connectClient(server.wsUrl, id, { author: 'Moderation', token });
    const watcher = connectClient(server.wsUrl, id, { author: 'Beobachtung', token });
    cleanup.push(
      () => good.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([good.whenSynced(), watcher.whenSynced()]);
    const field = good.model.create('field', { content: { title: 'Wohnen' } });
    await eventually(() => expect(watcher.model.has(field)).toBe(true));
    const before = Y.snapshot(watcher.doc);

    const board = `${server.wsUrl}/${id}?token=${token}`;
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256);
    const cases: [string, (Uint8Array | string)[], number][] = [
      ['random bytes', [garbage], CloseCode.MalformedMessage],
      ['unknown message type', [Uint8Array.of(9, 1, 2, 3)], CloseCode.MalformedMessage],
      ['empty frame', [new Uint8Array(0)], CloseCode.MalformedMessage],
      ['truncated sync step 1', [Uint8Array.of(0, 0, 5, 1)], CloseCode.MalformedMessage],
      ['truncated sync update', [Uint8Array.of(0, 2, 40, 1, 2, 3)], CloseCode.MalformedMessage],
      [
        'sync update that is not a Yjs update',
        [Uint8Array.of(0, 2, 4, 0xff, 0xff, 0xff, 0xff)],
        CloseCode.MalformedMessage,
      ],
      ['truncated awareness', [Uint8Array.of(1, 10, 1)], CloseCode.MalformedMessage],
      ['text frame', ['hello'], CloseCode.MalformedMessage],
      ['oversized frame', [new Uint8Array(MAX_FRAME + 1)], CloseCode.FrameTooLarge],
    ];
    for (const [name, frames, expected] of cases) {
      const { code } = await attack(board, frames);
      expect({ name, code }).toEqual({ name, code: expected });
    }
    // The connections that behaved stayed up and still sync both ways.
    expect(good.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
    good.model.update<'field'>(field, { description: 'nach dem Angriff' });
    await eventually(() =>
      expect(watcher.model.get(field, 'field')?.description).toBe('nach dem Angriff'),
    );
    const afterEdit = Y.snapshot(watcher.doc);
    expect(Y.equalSnapshots(before, afterEdit)).toBe(false);

    // What is stored is exactly what the good clients wrote: restart on the same data dir.
    good.destroy();
    watcher.destroy();
    await server.close({ keepData: true });
    server = await startServer({ dataDir });
    const fresh = connectClient(server.wsUrl, id, { token });
    cleanup.push(() => fresh.destroy());
    await fresh.whenSynced();
    expect(Y.equalSnapshots(Y.snapshot(fresh.doc), afterEdit)).toBe(true);
    expect(fresh.model.get(field, 'field')).toMatchObject({
      title: 'Wohnen',
      description: 'nach dem Angriff',
    });
  });

  it('refuses unknown and malformed board ids', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    // Without a matching link the server cannot tell an unknown board from a wrong link.
    const unknown = await attack(
      `${server.wsUrl}/AAAAAAAAAAAAAAAAAAAAAA?token=BBBBBBBBBBBBBBBBBBBBBB`,
      [],
    );
    const malformed = await attack(`${server.wsUrl}/..%2F..%2Fetc`, []);
    expect(unknown.code).toBe(CloseCode.Unauthorized);
    expect(malformed.code).toBe(CloseCode.MalformedMessage);
  });
});
