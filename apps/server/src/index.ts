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
  ServerClosingError,
  StorageFailureError,
} from './errors.js';
export { BoardRoom, parseMessage } from './board-room.js';
export type { Connection } from './board-room.js';
export { Rooms } from './rooms.js';
export type { ConnectionHandle, RoomsOptions } from './rooms.js';
export { Boards } from './boards.js';
export type { BoardInfo } from './boards.js';
export { SqliteBoardStore, SQLITE_FILE_NAME } from './storage/sqlite.js';
export type { SqliteBoardStoreOptions } from './storage/sqlite.js';
export type {
  AppendOptions,
  BoardMeta,
  BoardRecord,
  BoardStore,
  EditableBoardMeta,
  StoredDoc,
} from './storage/types.js';
export { InMemoryPresenceStore } from './presence.js';
export type { PresenceStore } from './presence.js';
export type { ApiErrorBody, ApiErrorCode, ApiIssue } from './transports/http.js';
export type { JoinAck, PresenceEvent, SessionErrorCode } from './transports/socketio.js';
export { boardRef, createLogger } from './logger.js';
export type { Logger } from './logger.js';
