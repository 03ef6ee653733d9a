import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import { redisReconnectDelay } from '../cluster/redis-bus.js';
import type { Logger } from '../logger.js';
import { RedisPresenceStore, type RedisClient } from '../presence.js';
import { RedisVoteStore } from './votes.js';

export interface SessionRedisOptions {
  url: string;
  /** Prefix of every key and channel (`REDIS_PREFIX`). */
  prefix: string;
  logger: Logger;
  /** Presence TTL and renewal (tests shorten them). */
  presenceTtlMs?: number;
  presenceRenewIntervalMs?: number;
}

/**
 * The live session's share of Redis when several processes serve the same boards: a command
 * client (presence, votes, adapter publishing) and a subscriber for the socket.io adapter.
 * The clients start connecting at once (commands wait in node-redis's queue); `ready()`
 * resolves once both are connected, or rejects.
 */
export class SessionRedis {
  readonly presence: RedisPresenceStore;
  readonly votes: RedisVoteStore;
  readonly adapter: NonNullable<ServerOptions['adapter']>;
  readonly #client: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #connected: Promise<void>;

  constructor(options: SessionRedisOptions) {
    const { logger } = options;
    this.#client = createClient({
      url: options.url,
      socket: { reconnectStrategy: redisReconnectDelay },
    });
    this.#subscriber = this.#client.duplicate();
    // node-redis reconnects by itself; errors are reported, never thrown as events.
    this.#client.on('error', (error: unknown) =>
      logger.error({ err: error }, 'Redis (session) failed'),
    );
    this.#subscriber.on('error', (error: unknown) =>
      logger.error({ err: error }, 'Redis (session subscriber) failed'),
    );
    this.#connected = Promise.all([this.#client.connect(), this.#subscriber.connect()]).then(
      () => undefined,
    );
    // Reported by `ready()`; kept from being an unhandled rejection until then.
    this.#connected.catch(() => undefined);
    this.presence = new RedisPresenceStore({
      client: this.#client,
      prefix: options.prefix,
      ...(options.presenceTtlMs === undefined ? {} : { ttlMs: options.presenceTtlMs }),
      ...(options.presenceRenewIntervalMs === undefined
        ? {}
        : { renewIntervalMs: options.presenceRenewIntervalMs }),
      onError: (error) => logger.error({ err: error }, 'renewing presence failed'),
    });
    // After a reconnect Redis may have lost everything (a restart without persistence): write
    // this process's members again at once instead of at the next renewal.
    let readyBefore = false;
    this.#client.on('ready', () => {
      if (!readyBefore) {
        readyBefore = true;
        return;
      }
      logger.info('redis (session) reconnected; renewing presence');
      this.presence.renewNow().catch((error: unknown) => {
        logger.error({ err: error }, 'renewing presence after a reconnect failed');
      });
    });
    this.votes = new RedisVoteStore({ client: this.#client, prefix: options.prefix });
    this.adapter = createAdapter(this.#client, this.#subscriber, {
      key: `${options.prefix}:socket.io`,
    });
  }

  /** Resolves once both clients are connected; rejects with the connection error. */
  ready(): Promise<void> {
    return this.#connected;
  }

  /** Closes both clients (after the stores are closed). */
  async close(): Promise<void> {
    await Promise.all(
      [this.#client, this.#subscriber].map(async (client) => {
        if (client.isOpen) await client.close();
      }),
    );
  }
}
