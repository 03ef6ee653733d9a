/**
 * A lightweight load client that speaks the y-websocket protocol directly (lib0 encoding, the
 * y-protocols message layout) instead of running a stock provider with a full Y.Doc:
 *
 * - receivers keep no doc at all: they answer the server's sync step 1 with an empty step 2,
 *   count frames and bytes, and search document updates for the edit markers the editors put
 *   into the text of the items they create (`~bm|sender|seq|sendTime|warmup~`, plain ASCII in
 *   the update's bytes) — so a receiver never decodes an update;
 * - editors keep a doc holding only their own items (a `BoardModel` over a private Y.Doc): the
 *   need they create each edit depends on nothing of anybody else, so they never apply the
 *   updates of others, and their updates are exactly what a real participant's client sends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

const markerStart = Buffer.from('~bm|', 'latin1');
const markerEnd = 0x7e; // '~'

/** The text an editor puts into an item: marker plus padding to a realistic length. */
export function markerText(sender: number, seq: number, sendTime: number, warmup: boolean): string {
  return `~bm|${sender}|${seq}|${sendTime.toFixed(3)}|${warmup ? 1 : 0}~ Wir brauchen einen Ort, an dem Beratung in mehreren Sprachen möglich ist.`;
}

export interface Marker {
  sender: number;
  seq: number;
  sendTime: number;
  warmup: boolean;
}

/** Every marker in a frame's bytes (a merged update may carry several). */
export function findMarkers(bytes: Buffer, out: Marker[]): void {
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(markerStart, from);
    if (at < 0) return;
    const end = bytes.indexOf(markerEnd, at + markerStart.length);
    if (end < 0) return;
    const parts = bytes.toString('latin1', at + markerStart.length, end).split('|');
    if (parts.length === 4) {
      out.push({
        sender: Number(parts[0]),
        seq: Number(parts[1]),
        sendTime: Number(parts[2]),
        warmup: parts[3] === '1',
      });
    }
    from = end + 1;
  }
}

export function syncStep1Frame(stateVector: Uint8Array = Uint8Array.of(0)): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function syncFrame(subtype: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame carrying one client's state (the y-protocols awareness layout). */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

const emptyUpdate = Uint8Array.of(0, 0);

export interface RawClientOptions {
  url: string;
  /** Called for every document update (sync update or step 2 after the first) with its bytes. */
  onUpdate?: (bytes: Buffer, receivedAt: number) => void;
  /** Answer to the server's sync step 1 (default: an empty update). */
  stateFor?: (stateVector: Uint8Array) => Uint8Array;
  /** Send sync step 1 on open (default true: that is what asks the server for its state). */
  requestState?: boolean;
}

export const now = (): number => performance.timeOrigin + performance.now();

export class RawClient {
  readonly ws: WebSocket;
  /** Performance time of the first sync step 2 from the server (undefined: not synced yet). */
  syncedAt: number | undefined;
  openedAt: number | undefined;
  closeCode: number | undefined;
  framesIn = 0;
  bytesIn = 0;
  framesOut = 0;
  bytesOut = 0;
  awarenessIn = 0;
  readonly synced: Promise<void>;

  constructor(options: RawClientOptions) {
    this.ws = new WebSocket(options.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    let resolveSynced: () => void = () => undefined;
    let rejectSynced: (error: Error) => void = () => undefined;
    this.synced = new Promise<void>((resolve, reject) => {
      resolveSynced = resolve;
      rejectSynced = reject;
    });
    this.synced.catch(() => undefined);
    this.ws.on('open', () => {
      this.openedAt = performance.now();
      if (options.requestState ?? true) this.send(syncStep1Frame());
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      if (this.syncedAt === undefined) rejectSynced(new Error(`closed ${code} before sync`));
    });
    this.ws.on('error', (error) => {
      if (this.syncedAt === undefined) rejectSynced(error);
    });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      this.framesIn += 1;
      this.bytesIn += data.length;
      const first = data[0];
      if (first === MESSAGE_AWARENESS) {
        this.awarenessIn += 1;
        return;
      }
      if (first !== MESSAGE_SYNC) return;
      const subtype = data[1];
      if (subtype === SYNC_UPDATE) {
        options.onUpdate?.(data, now());
      } else if (subtype === SYNC_STEP2) {
        if (this.syncedAt === undefined) {
          this.syncedAt = performance.now();
          resolveSynced();
        } else {
          options.onUpdate?.(data, now());
        }
      } else if (subtype === SYNC_STEP1) {
        const decoder = decoding.createDecoder(data);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const stateVector = decoding.readVarUint8Array(decoder);
        this.send(syncFrame(SYNC_STEP2, options.stateFor?.(stateVector) ?? emptyUpdate));
      }
    });
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.framesOut += 1;
    this.bytesOut += frame.length;
    this.ws.send(frame);
  }

  sendUpdate(update: Uint8Array): void {
    this.send(syncFrame(SYNC_UPDATE, update));
  }

  close(): void {
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close();
  }
}
