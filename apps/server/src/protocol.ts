/**
 * Wire constants of the Werkraum server, in one place.
 *
 * The document channel speaks the y-websocket protocol unchanged, so stock `y-websocket`
 * clients work: every binary frame is one message, `[messageType: varUint, payload…]`.
 */

/** Top-level message types of the y-websocket protocol. */
export const MessageType = {
  /** Yjs sync (step 1, step 2, update) — see `SyncMessageType`. */
  Sync: 0,
  /** Awareness update (presence, cursors); ephemeral, never stored. */
  Awareness: 1,
  /** Auth (permission denied) — server → client only; a client sending it is malformed. */
  Auth: 2,
  /** Ask for the full awareness state; the server answers with an `Awareness` message. */
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a `MessageType.Sync` message (as in `y-protocols/sync`). */
export const SyncMessageType = {
  /** Carries the sender's state vector; the receiver answers with step 2. */
  Step1: 0,
  /** Carries everything the receiver lacks (a Yjs update). */
  Step2: 1,
  /** An incremental Yjs update. */
  Update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * WebSocket close codes the server uses. The stock y-websocket client does not reconnect after
 * a code in 4400–4499 (the request itself is wrong); it reconnects with backoff after any other
 * code, which is what we want for transient failures (4500, 1001, 1011).
 */
export const CloseCode = {
  /** Server shuts down; the client reconnects with backoff. */
  GoingAway: 1001,
  /**
   * Frame larger than `maxFrameBytes`. Sent by the `ws` library itself (RFC 6455 "message too
   * big") before the frame reaches Werkraum code; the client will retry.
   */
  FrameTooLarge: 1009,
  /** Unexpected server error while handling this connection; the client reconnects. */
  InternalError: 1011,
  /**
   * Malformed message: not binary, truncated, trailing bytes, unknown message type, an update
   * or awareness payload that does not decode, or a malformed board id in the URL. Only this
   * connection is closed; the stored document is not touched. The client does not reconnect.
   */
  MalformedMessage: 4400,
  /**
   * The link (token) is missing, invalid, revoked (rotated) or belongs to another board. Sent
   * right after the upgrade, and to live connections of a link the facilitator rotated.
   */
  Unauthorized: 4401,
  /**
   * The connection's role may not make the change it sent (a viewer writing, a participant
   * outside the open step, …). Nothing of the change was applied, stored or relayed.
   */
  WriteForbidden: 4403,
  /** No board with this id exists. The client does not reconnect. */
  BoardNotFound: 4404,
  /**
   * The client reads slower than the board changes: more than `maxBufferedBytes` were queued
   * for it (`ws.bufferedAmount`). Only this connection is closed; the stock client does not
   * reconnect by itself (4400–4499), the app may offer to (its doc is kept).
   */
  TooSlow: 4408,
  /** The facilitator deleted the board (or the retention sweep did). */
  BoardDeleted: 4410,
  /** The connection sent more messages than its rate limit allows. */
  RateLimited: 4429,
  /**
   * The board's storage failed (write or load). Data received but not committed is kept in
   * memory and retried; nothing uncommitted was relayed. The client reconnects with backoff and
   * re-sends what it has, so no edit is lost.
   */
  StorageFailure: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Short, client-visible reasons sent with each close code (max. 123 bytes on the wire). */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.GoingAway]: 'server shutting down',
  [CloseCode.FrameTooLarge]: 'frame too large',
  [CloseCode.InternalError]: 'internal error',
  [CloseCode.MalformedMessage]: 'malformed message',
  [CloseCode.Unauthorized]: 'Unauthorized',
  [CloseCode.WriteForbidden]: 'write forbidden',
  [CloseCode.BoardNotFound]: 'unknown board',
  [CloseCode.TooSlow]: 'too slow',
  [CloseCode.BoardDeleted]: 'board deleted',
  [CloseCode.RateLimited]: 'rate limited',
  [CloseCode.StorageFailure]: 'storage failure',
};

/** Path prefix of the y-websocket endpoint: clients connect to `${origin}/yjs/<boardId>`. */
export const YJS_PATH = '/yjs';
/** Path of the socket.io endpoint. */
export const SOCKET_IO_PATH = '/socket.io';

/**
 * socket.io event names of the session channel (docs/live-session.md). Client → server events
 * carry one payload object and are acknowledged `{ ok: true, … } | { ok: false, error }`.
 */
export const SessionEvent = {
  /** `{}` → `{ meta, role, participants }` (board from the handshake's auth). */
  Join: 'board:join',
  /** `{ name, color, editing }` → `{}`; every socket's presence record. */
  PresenceUpdate: 'presence:update',
  /** `{}` → `{ serverTime }`, for the client's estimate of its offset to the server clock. */
  ClockSync: 'clock:sync',
  /** facilitator: `{ step: 1..10 | null }` → `{ session }`. */
  OpenStep: 'session:openStep',
  /** facilitator: `{ allowed: boolean }` → `{ session }`. */
  SetEditAll: 'session:setEditAll',
  /** facilitator: `{ text }` → `{ session }`. */
  Agenda: 'session:agenda',
  /** facilitator: `{ target: { kind, id } | null }` → `{ session }`. */
  Focus: 'session:focus',
  /** facilitator: `{ scope: 'board' | 'field', fieldId?, locked }` → `{ session }`. */
  Lock: 'session:lock',
  /** facilitator: `{ enabled }` → `{ session }` (moderated collection). */
  Collect: 'session:collect',
  /** facilitator: `{ minutes }` → `{ session }`. */
  TimerStart: 'timer:start',
  TimerPause: 'timer:pause',
  TimerResume: 'timer:resume',
  TimerReset: 'timer:reset',
  /** facilitator: `{ minutes }` (may be negative) → `{ session }`. */
  TimerAdd: 'timer:add',
  /** facilitator: `{ fieldId, dotsPerPerson }` → `{ session }`. */
  VoteStart: 'vote:start',
  /** `{ itemId }` → `{ mine, remaining }`. */
  VoteCast: 'vote:cast',
  VoteRetract: 'vote:retract',
  /** `{}` → `{ mine, remaining }`. */
  VoteMine: 'vote:mine',
  /** facilitator: `{}` → `{ session }` (counts written into the session). */
  VoteReveal: 'vote:reveal',
  VoteCancel: 'vote:cancel',
  /** participant, steering: `{ kind, parentId, content }` → `{ id }` (queued, hidden). */
  CollectSubmit: 'collect:submit',
  /** facilitator: `{}` → `{ items }`. */
  CollectList: 'collect:list',
  /** facilitator: `{ ids }` → `{ revealed, skipped }`. */
  CollectReveal: 'collect:reveal',
  /** facilitator: `{ ids }` → `{ discarded }`. */
  CollectDiscard: 'collect:discard',
  /**
   * server → socket, `{ reason: 'revoked' | 'deleted' }`, right before the server disconnects
   * it because its link was rotated or its board deleted.
   */
  Closed: 'board:closed',
  /**
   * server → board, `{ boardId, counts, people? }` on every presence change; `people` only to
   * facilitator and steering group.
   */
  PresenceState: 'presence:state',
  /** server → the facilitator's sockets, `{ boardId, count }` when the moderation queue changed. */
  CollectQueue: 'collect:queue',
  /** server → the submitter's sockets, `{ boardId, ids }`: own submissions the facilitator discarded. */
  CollectDiscarded: 'collect:discarded',
  /** server → board, `{ boardId }`: a version was recorded (lists of versions reload). */
  VersionsChanged: 'versions:changed',
} as const;
