export * from './event-store.port.js';
export { serializeAppend, uuidV7, type SerializedEvent } from './serialize-append.js';
export { SerialSubscription } from './serial-subscription.js';
export { openSqlite, type OpenSqliteOptions, type SqliteSynchronous } from './sqlite/open-sqlite.js';
export {
  SqliteWriter,
  WriterClosedError,
  BatchAbortedError,
  type SqliteWriterOptions,
  type WriteOptions,
  type WriterJob,
  type AfterCommitHook,
  type CommitStats,
} from './sqlite/sqlite-writer.js';
export { StoreClosedError } from './store-guards.js';
export { SqliteEventStore, EVENTS_SCHEMA, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export {
  createSqliteEventStore,
  type CreateSqliteEventStoreOptions,
  type SqliteEventStoreBundle,
} from './sqlite/create-sqlite-event-store.js';
export { KurrentDBEventStore, type KurrentDBEventStoreOptions } from './kurrentdb/kurrentdb-event-store.js';
export { fromKurrentPosition, toKurrentPosition, UnsupportedPositionError, type KurrentPosition } from './kurrentdb/kurrentdb-position.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { APPENDED_CHANNEL, DEPLOYMENT_SQL, deploymentLockSql, deploymentOf } from './postgres/postgres-schema.js';
// The contract suite every adapter passes is in ./testing (specs import it; not part of this entry point).
