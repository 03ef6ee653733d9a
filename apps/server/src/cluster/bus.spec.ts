import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger, waitFor } from '../testing/helpers.js';
import { createTestRedisPrefix, testRedisUrl } from '../testing/services.js';
import { decodeBusMessage, encodeBusMessage, type BusMessage } from './bus.js';
import { RedisBoardBus } from './redis-bus.js';

const boardId = 'b'.repeat(22);

describe('bus message encoding', () => {
  it('round-trips every message type with its origin, and rejects garbage', () => {
    const messages: BusMessage[] = [
      { type: 'update', update: new Uint8Array([1, 2, 3, 0, 255]) },
      { type: 'awareness', update: new Uint8Array([]) },
      { type: 'revoke', role: 'participant' },
      { type: 'deleted' },
    ];
    for (const message of messages) {
      expect(decodeBusMessage(encodeBusMessage('node-ä', message))).toEqual({
        origin: 'node-ä',
        message,
      });
    }
    const valid = encodeBusMessage('x', { type: 'deleted' });
    expect(() => decodeBusMessage(new Uint8Array([...valid, 0]))).toThrow(/trailing/);
    expect(() => decodeBusMessage(new Uint8Array([9, 0]))).toThrow(/version/);
    expect(() =>
      decodeBusMessage(encodeBusMessage('x', { type: 'revoke', role: 'admin' as 'viewer' })),
    ).toThrow(/role/);
  });
});

async function clientId(
  client: { sendCommand(args: string[]): Promise<unknown> },
  name: string,
): Promise<string> {
  const list = String(await client.sendCommand(['CLIENT', 'LIST']));
  const line = list.split('\n').find((l) => l.includes(` name=${name} `));
  const id = line && /\bid=(\d+)/.exec(line)?.[1];
  if (!id) throw new Error(`no Redis client named ${name}`);
  return id;
}

describe('RedisBoardBus', () => {
  const redis = createTestRedisPrefix();
  const buses: RedisBoardBus[] = [];
  const bus = (instanceId: string): RedisBoardBus => {
    const created = new RedisBoardBus({
      url: testRedisUrl,
      prefix: redis.prefix,
      instanceId,
      logger: silentLogger,
    });
    buses.push(created);
    return created;
  };
  afterEach(async () => {
    for (const b of buses.splice(0)) await b.close();
  });
  afterAll(() => redis.clean());

  it('delivers binary messages to other processes, not back to the sender', async () => {
    const a = bus('a');
    const b = bus('b');
    const gotA: BusMessage[] = [];
    const gotB: BusMessage[] = [];
    await a.subscribe(boardId, { onMessage: (m) => gotA.push(m), onResync: () => undefined });
    await b.subscribe(boardId, { onMessage: (m) => gotB.push(m), onResync: () => undefined });
    const update = new Uint8Array(256).map((_, i) => i);
    await a.publish(boardId, { type: 'update', update });
    await a.publish(boardId, { type: 'revoke', role: 'viewer' });
    await b.publish(boardId, { type: 'deleted' });
    await waitFor(() => gotB.length === 2 && gotA.length === 1);
    expect(gotB).toEqual([
      { type: 'update', update },
      { type: 'revoke', role: 'viewer' },
    ]);
    expect(gotA).toEqual([{ type: 'deleted' }]);
    expect(a.channel(boardId)).toBe(`${redis.prefix}:board:${boardId}`);
  });

  it('keeps boards apart; several listeners per board; unsubscribe stops delivery', async () => {
    const a = bus('a');
    const b = bus('b');
    const first: BusMessage[] = [];
    const second: BusMessage[] = [];
    const other: BusMessage[] = [];
    const off1 = await b.subscribe(boardId, {
      onMessage: (m) => first.push(m),
      onResync: () => undefined,
    });
    await b.subscribe(boardId, { onMessage: (m) => second.push(m), onResync: () => undefined });
    await b.subscribe('o'.repeat(22), {
      onMessage: (m) => other.push(m),
      onResync: () => undefined,
    });
    await a.publish(boardId, { type: 'deleted' });
    await waitFor(() => first.length === 1 && second.length === 1);
    await off1();
    await off1(); // idempotent
    await a.publish(boardId, { type: 'revoke', role: 'steering' });
    await waitFor(() => second.length === 2);
    expect(first).toHaveLength(1);
    expect(other).toEqual([]);
  });

  it('asks subscribers to catch up after the connection to Redis was lost', async () => {
    const instanceId = `resync-${redis.prefix}`;
    const a = bus(instanceId);
    let resyncs = 0;
    await a.subscribe(boardId, { onMessage: () => undefined, onResync: () => resyncs++ });
    const admin = bus('admin');
    await admin.start();
    // Kill this bus's subscriber connection (by its name) from the server side; node-redis
    // reconnects and subscribes again.
    const { createClient } = await import('redis');
    const client = createClient({ url: testRedisUrl });
    await client.connect();
    try {
      await client.sendCommand([
        'CLIENT',
        'KILL',
        'ID',
        await clientId(client, `werkraum-bus-sub-${instanceId}`),
      ]);
    } finally {
      await client.close();
    }
    await waitFor(() => resyncs >= 1, { timeoutMs: 10_000 });
    // Still subscribed after the reconnect.
    const got: BusMessage[] = [];
    await a.subscribe(boardId, { onMessage: (m) => got.push(m), onResync: () => undefined });
    await admin.publish(boardId, { type: 'deleted' });
    await waitFor(() => got.length === 1);
  });
});
