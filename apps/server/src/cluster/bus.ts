import { ROLES, type Role } from '@werkraum/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What travels between server processes about one board. Updates are published only after the
 * publishing process committed them; the others apply them without storing them again.
 */
export type BusMessage =
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'revoke'; role: Role }
  | { type: 'deleted' };

export interface BusListener {
  /** A message another process published for the board (never this process's own). */
  onMessage(message: BusMessage): void;
  /**
   * The bus was cut off for a while (e.g. a Redis outage) and is subscribed again: messages of
   * that time may be lost, so the subscriber catches up from the store.
   */
  onResync(): void;
}

/** Cancels a subscription (idempotent). */
export type Unsubscribe = () => Promise<void>;

/**
 * Fan-out between the server processes that serve the same boards. One process needs none
 * (`LocalBoardBus`); several use `RedisBoardBus`.
 */
export interface BoardBus {
  /** 'local' or 'redis', for logs. */
  readonly kind: string;
  /** Where it connects to, without credentials (for logs). */
  readonly description: string;
  /** Connects (also done on first use); `listen()` awaits it so that a start fails early. */
  start(): Promise<void>;
  /** Resolves once messages published from now on reach `listener`. */
  subscribe(boardId: string, listener: BusListener): Promise<Unsubscribe>;
  /** Sends `message` to the other processes subscribed to the board. */
  publish(boardId: string, message: BusMessage): Promise<void>;
  close(): Promise<void>;
}

/** The single-process bus: there is nobody else, so nothing is sent and nothing arrives. */
export class LocalBoardBus implements BoardBus {
  readonly kind = 'local';
  readonly description = 'in-process (one server process)';
  async start(): Promise<void> {
    // Nothing to connect to.
  }
  async subscribe(): Promise<Unsubscribe> {
    return async () => undefined;
  }
  async publish(): Promise<void> {
    // No other process.
  }
  async close(): Promise<void> {
    // Nothing to release.
  }
}

/** Wire version of the bus encoding (first varUint of every message). */
const BUS_VERSION = 1;

const BusType = { update: 0, awareness: 1, revoke: 2, deleted: 3 } as const;

/**
 * Binary encoding of a bus message: `[version, type, origin instance id, payload]` with lib0
 * encoding (varUint, varString, varUint8Array).
 */
export function encodeBusMessage(origin: string, message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, BUS_VERSION);
  encoding.writeVarUint(encoder, BusType[message.type]);
  encoding.writeVarString(encoder, origin);
  switch (message.type) {
    case 'update':
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'revoke':
      encoding.writeVarString(encoder, message.role);
      break;
    case 'deleted':
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a bus message; throws on anything malformed or of another version. */
export function decodeBusMessage(data: Uint8Array): { origin: string; message: BusMessage } {
  const decoder = decoding.createDecoder(data);
  const version = decoding.readVarUint(decoder);
  if (version !== BUS_VERSION) throw new Error(`unknown bus message version ${version}`);
  const type = decoding.readVarUint(decoder);
  const origin = decoding.readVarString(decoder);
  let message: BusMessage;
  switch (type) {
    case BusType.update:
      message = { type: 'update', update: decoding.readVarUint8Array(decoder) };
      break;
    case BusType.awareness:
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      break;
    case BusType.revoke: {
      const role = decoding.readVarString(decoder);
      if (!(ROLES as readonly string[]).includes(role)) throw new Error('unknown role');
      message = { type: 'revoke', role: role as Role };
      break;
    }
    case BusType.deleted:
      message = { type: 'deleted' };
      break;
    default:
      throw new Error(`unknown bus message type ${type}`);
  }
  if (decoder.pos !== data.length) throw new Error('trailing bytes in bus message');
  return { origin, message };
}
