export { createWerkraumServer } from './server.js';
export type { WerkraumServer, WerkraumServerOptions } from './server.js';
export { defaultConfig, loadConfig, configSchema, logLevels, redactUrl } from './config.js';
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
export { Versions, VersionError } from './versions.js';
export type { RecordVersionInput, VersionsOptions } from './versions.js';
export { Attendance, ATTENDANCE_STEPS } from './attendance.js';
export type { AttendanceBody, AttendanceOptions } from './attendance.js';
export { calendarUrl, publicationUrl } from './transports/http-process.js';
export type { CalendarBody, PublicPageBody, VersionsBody } from './transports/http-process.js';
export { SqliteBoardStore, SQLITE_FILE_NAME } from './storage/sqlite.js';
export type { SqliteBoardStoreOptions } from './storage/sqlite.js';
export { PostgresBoardStore } from './storage/postgres.js';
export type { PostgresBoardStoreOptions } from './storage/postgres.js';
export { LocalBoardBus, decodeBusMessage, encodeBusMessage } from './cluster/bus.js';
export type { BoardBus, BusListener, BusMessage, Unsubscribe } from './cluster/bus.js';
export { RedisBoardBus } from './cluster/redis-bus.js';
export type { RedisBoardBusOptions } from './cluster/redis-bus.js';
export type {
  AppendOptions,
  BoardMeta,
  BoardRecord,
  BoardStore,
  CompactResult,
  EditableBoardMeta,
  HiddenItem,
  NewLink,
  AttendanceRecord,
  Publication,
  StoredDoc,
  StoredLink,
  StoredVersion,
  StoredVersionInfo,
  StoredVersionKind,
} from './storage/types.js';
export { InMemoryPresenceStore, RedisPresenceStore } from './presence.js';
export type { PresenceCounts, PresenceMember, PresenceStore } from './presence.js';
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
  BallotAck,
  ClosedEvent,
  CollectQueueEvent,
  JoinAck,
  PresenceState,
  SessionAck,
  SessionError,
  SessionErrorCode,
} from './transports/socketio.js';
export { InMemoryVoteStore, RedisVoteStore } from './session/votes.js';
export type { VoteStore } from './session/votes.js';
export { createSessionCommands } from './session/commands.js';
export type { Command, CommandContext, SessionServices } from './session/commands.js';
export { boardRef, createLogger } from './logger.js';
export type { Logger } from './logger.js';
