export { createWerkraumServer } from './server.js';
export type { WerkraumServer, WerkraumServerOptions } from './server.js';
export { defaultConfig, loadConfig, configSchema, logLevels } from './config.js';
export type { Config, LoadConfigOptions, LogLevel, SqliteSynchronous } from './config.js';
export {
  CloseCode,
  CloseReason,
  MessageType,
  SessionEvent,
  SOCKET_IO_PATH,
  SyncMessageType,
  YJS_PATH,
} from './protocol.js';
export {
  BoardNotFoundError,
  ConfigError,
  ProtocolError,
  RateLimitedError,
  WriteForbiddenError,
  ServerClosingError,
  StorageFailureError,
} from './errors.js';
export { Access, hashToken, linkUrl, newToken, tokenSchema } from './access.js';
export type { Grant, LiveConnection, RevokeReason } from './access.js';
export { createOriginCheck } from './origin.js';
export type { OriginCheckOptions } from './origin.js';
export { KeyedRateLimiter, TokenBucket } from './rate-limit.js';
export type { KeyedRateLimiterOptions } from './rate-limit.js';
export { BoardRoom, parseMessage } from './board-room.js';
export type { Connection } from './board-room.js';
export { Rooms } from './rooms.js';
export type { ConnectionHandle, RoomsOptions } from './rooms.js';
export { Boards } from './boards.js';
export type { BoardInfo, BoardsOptions, CreatedBoard } from './boards.js';
export { SqliteBoardStore, SQLITE_FILE_NAME } from './storage/sqlite.js';
export type { SqliteBoardStoreOptions } from './storage/sqlite.js';
export type {
  AppendOptions,
  BoardMeta,
  BoardRecord,
  BoardStore,
  EditableBoardMeta,
  NewLink,
  StoredDoc,
  StoredLink,
} from './storage/types.js';
export { InMemoryPresenceStore } from './presence.js';
export type { PresenceStore } from './presence.js';
export { exportFileName } from './transports/http.js';
export type {
  ApiErrorBody,
  ApiErrorCode,
  ApiIssue,
  BoardInfoBody,
  CreatedBoardBody,
  LinkInfo,
} from './transports/http.js';
export type {
  ClosedEvent,
  JoinAck,
  PresenceEvent,
  SessionAck,
  SessionError,
  SessionErrorCode,
} from './transports/socketio.js';
export { boardRef, createLogger } from './logger.js';
export type { Logger } from './logger.js';
