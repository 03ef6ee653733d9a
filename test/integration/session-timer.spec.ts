import { estimateClockOffset, readSession, timerRemainingMs } from '@werkraum/model';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients.js';
import { startServer, tokens } from '../support/server.js';
import { connectSession, request } from '../support/session.js';
import { eventually } from '../support/wait.js';

/** A device whose clock is `skewMs` off, estimating the server's clock as the web app does. */
async function deviceClock(socket: Socket, skewMs: number) {
  const now = () => Date.now() + skewMs;
  let best: { offsetMs: number; roundTripMs: number } | null = null;
  for (let i = 0; i < 5; i++) {
    const sentAt = now();
    const ack = await request<{ serverTime: number }>(socket, 'clock:sync', {});
    if (!ack.ok) throw new Error(ack.error.message);
    const sample = estimateClockOffset({ sentAt, serverTime: ack.serverTime, receivedAt: now() });
    if (!best || sample.roundTripMs < best.roundTripMs) best = sample;
  }
  return { serverNow: () => now() + best!.offsetMs };
}

describe('session timer on the server clock', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('shows the same remaining seconds on devices whose clocks are minutes apart', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const sockets = await Promise.all(
      (['facilitator', 'participant', 'viewer'] as const).map((role) =>
        connectSession(server.url, { boardId: board.id, token: t[role] }),
      ),
    );
    cleanup.push(() => sockets.forEach((s) => s.close()));
    const skews = [0, 3 * 60_000 + 17_000, -(47 * 60_000)];
    const clocks = await Promise.all(sockets.map((socket, i) => deviceClock(socket, skews[i]!)));
    const doc = connectClient(server.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => doc.destroy());
    await doc.whenSynced();

    const [facilitator, participant] = sockets as [Socket, Socket, Socket];
    expect(await request(participant, 'timer:start', { minutes: 10 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(facilitator, 'timer:start', { minutes: 10 })).toMatchObject({ ok: true });
    await eventually(() => expect(readSession(doc.doc).timer.status).toBe('running'));
    const shown = () =>
      clocks.map((clock) =>
        Math.ceil(timerRemainingMs(readSession(doc.doc).timer, clock.serverNow()) / 1000),
      );
    const seconds = shown();
    expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
    expect(seconds[0]).toBeGreaterThan(595);
    expect(seconds[0]).toBeLessThanOrEqual(600);

    expect(await request(facilitator, 'timer:pause', {})).toMatchObject({ ok: true });
    await eventually(() => expect(readSession(doc.doc).timer.status).toBe('paused'));
    const paused = shown();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(shown()).toEqual(paused);
    expect(await request(facilitator, 'timer:add', { minutes: 5 })).toMatchObject({ ok: true });
    await eventually(() => expect(shown()[1]).toBe(paused[1]! + 300));
    expect(await request(facilitator, 'timer:reset', {})).toMatchObject({ ok: true });
    await eventually(() => expect(readSession(doc.doc).timer.status).toBe('idle'));
  });
});
