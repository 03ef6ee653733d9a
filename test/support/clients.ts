import { BoardModel, deriveAuthorId } from '@werkraum/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { once } from './wait.js';

export interface BoardClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  model: BoardModel;
  /** Updates this client received from the server (transaction origin = provider). */
  received: Uint8Array[];
  /** Close codes of the provider's connections so far. */
  closes: number[];
  /** Every binary frame the server sent this client (with `recordFrames`). */
  frames: Buffer[];
  whenSynced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** A stock y-websocket provider on a board, as a browser would open it. */
export function connectClient(
  wsUrl: string,
  boardId: string,
  {
    author = 'Test',
    connect = true,
    token,
    authorSecret = `secret-of-${author}-${Math.random().toString(36).slice(2)}`,
    doc = new Y.Doc(),
    recordFrames = false,
  }: {
    author?: string;
    connect?: boolean;
    token?: string;
    authorSecret?: string;
    /** Reuse a doc (e.g. to reconnect a client's copy to another server process). */
    doc?: Y.Doc;
    recordFrames?: boolean;
  } = {},
): BoardClient {
  const frames: Buffer[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const params: Record<string, string> = { author: authorSecret };
  if (token !== undefined) params.token = token;
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: (recordFrames
      ? RecordingWebSocket
      : WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
    params,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  const received: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  return {
    doc,
    provider,
    model: new BoardModel(doc, { author, authorId: deriveAuthorId(authorSecret) }),
    received,
    closes,
    frames,
    async whenSynced(timeoutMs = 5_000) {
      if (provider.synced) return;
      await once(provider, 'sync', timeoutMs);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Whether `update` adds nothing to `doc` (every struct and deletion in it is already there). */
export function containsUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(copy);
  Y.applyUpdate(copy, update);
  const contained = Y.equalSnapshots(before, Y.snapshot(copy));
  copy.destroy();
  return contained;
}
