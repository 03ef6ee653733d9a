import { createClient, type RedisClientType } from 'redis';
import { redactUrl } from '../config.js';
import { boardRef, type Logger } from '../logger.js';
import {
  decodeBusMessage,
  encodeBusMessage,
  type BoardBus,
  type BusListener,
  type BusMessage,
  type Unsubscribe,
} from './bus.js';

/** Longest wait between two reconnection attempts to Redis. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 1_000;

/**
 * node-redis `reconnectStrategy` of every Werkraum Redis client: exponential from 50 ms up to
 * `REDIS_MAX_RECONNECT_DELAY_MS` plus up to 100 ms jitter, and never giving up. (node-redis's
 * default waits up to 2.2 s and stops for good after a connect timeout, which would leave a
 * process without its bus until restarted.) So a process is back within about a second of
 * Redis returning.
 */
export function redisReconnectDelay(retries: number): number {
  return (
    Math.min(50 * 2 ** retries, REDIS_MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100)
  );
}

export interface RedisBoardBusOptions {
  /** `redis://…` or `rediss://…`. */
  url: string;
  /** Channels are `${prefix}:board:${boardId}`. */
  prefix: string;
  /** This process's id: messages it published itself are ignored. */
  instanceId: string;
  logger: Logger;
}

interface Subscription {
  listeners: Set<BusListener>;
  handler: (message: Buffer) => void;
  /** Resolves once Redis confirmed the SUBSCRIBE. */
  ready: Promise<void>;
}

/**
 * The board bus over Redis pub/sub: one channel per board, one publishing and one subscribed
 * connection per process, binary messages (`encodeBusMessage`). node-redis reconnects by
 * itself and subscribes again; after such a reconnect every subscriber is told to catch up
 * from the store (`onResync`), because messages of the outage are lost.
 */
export class RedisBoardBus implements BoardBus {
  readonly kind = 'redis';
  readonly #options: RedisBoardBusOptions;
  readonly #log: Logger;
  readonly #publisher: RedisClientType;
  readonly #subscriber: RedisClientType;
  readonly #subscriptions = new Map<string, Subscription>();
  #connecting: Promise<void> | null = null;
  #subscriberReadyBefore = false;
  #closed = false;

  constructor(options: RedisBoardBusOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'bus', instance: options.instanceId });
    // Named connections (`CLIENT LIST`): which process and which role.
    this.#publisher = createClient({
      url: options.url,
      name: `werkraum-bus-pub-${options.instanceId}`,
      socket: { reconnectStrategy: redisReconnectDelay },
    });
    this.#subscriber = createClient({
      url: options.url,
      name: `werkraum-bus-sub-${options.instanceId}`,
      socket: { reconnectStrategy: redisReconnectDelay },
    });
    for (const [role, client] of [
      ['publisher', this.#publisher],
      ['subscriber', this.#subscriber],
    ] as const) {
      // Without an 'error' listener a lost connection would crash the process; node-redis
      // reconnects by itself, the log says so.
      client.on('error', (error: unknown) => {
        this.#log.warn({ err: error, client: role }, 'redis connection error; reconnecting');
      });
    }
    this.#subscriber.on('ready', () => {
      if (!this.#subscriberReadyBefore) {
        this.#subscriberReadyBefore = true;
        return;
      }
      // node-redis re-subscribed before it reports ready again.
      this.#log.info(
        { boards: this.#subscriptions.size },
        'redis bus reconnected; loaded boards catch up from the store',
      );
      for (const subscription of this.#subscriptions.values()) {
        for (const listener of subscription.listeners) listener.onResync();
      }
    });
  }

  /** Where the bus connects to, without credentials (for logs). */
  get description(): string {
    return `${redactUrl(this.#options.url)} (prefix ${this.#options.prefix})`;
  }

  /** Connects both clients (called on first use; `listen()` calls it to fail early). */
  start(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('RedisBoardBus is closed'));
    this.#connecting ??= (async () => {
      try {
        await Promise.all([this.#publisher.connect(), this.#subscriber.connect()]);
      } catch (error) {
        this.#connecting = null;
        throw error;
      }
    })();
    return this.#connecting;
  }

  channel(boardId: string): string {
    return `${this.#options.prefix}:board:${boardId}`;
  }

  async subscribe(boardId: string, listener: BusListener): Promise<Unsubscribe> {
    await this.start();
    let subscription = this.#subscriptions.get(boardId);
    if (!subscription) {
      const created: Subscription = {
        listeners: new Set(),
        handler: (data) => this.#deliver(boardId, created, data),
        ready: Promise.resolve(),
      };
      created.ready = this.#subscriber.subscribe(this.channel(boardId), created.handler, true);
      subscription = created;
      this.#subscriptions.set(boardId, subscription);
    }
    subscription.listeners.add(listener);
    try {
      await subscription.ready;
    } catch (error) {
      subscription.listeners.delete(listener);
      if (this.#subscriptions.get(boardId) === subscription && subscription.listeners.size === 0) {
        this.#subscriptions.delete(boardId);
      }
      throw error;
    }
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      const current = subscription;
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || this.#subscriptions.get(boardId) !== current) return;
      this.#subscriptions.delete(boardId);
      if (this.#closed || !this.#subscriber.isOpen) return;
      await this.#subscriber.unsubscribe(this.channel(boardId), current.handler, true);
    };
  }

  async publish(boardId: string, message: BusMessage): Promise<void> {
    await this.start();
    const data = encodeBusMessage(this.#options.instanceId, message);
    await this.#publisher.publish(
      this.channel(boardId),
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscriptions.clear();
    // A client still connecting (Redis unreachable) is dropped; a connected one quits cleanly.
    await Promise.all(
      [this.#publisher, this.#subscriber].map(async (client) => {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      }),
    );
  }

  #deliver(boardId: string, subscription: Subscription, data: Buffer): void {
    let decoded;
    try {
      decoded = decodeBusMessage(new Uint8Array(data));
    } catch (error) {
      this.#log.error({ err: error, board: boardRef(boardId) }, 'dropping malformed bus message');
      return;
    }
    if (decoded.origin === this.#options.instanceId) return;
    for (const listener of Array.from(subscription.listeners)) {
      try {
        listener.onMessage(decoded.message);
      } catch (error) {
        this.#log.error(
          { err: error, board: boardRef(boardId), type: decoded.message.type },
          'handling a bus message failed',
        );
      }
    }
  }
}
