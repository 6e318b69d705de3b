import { createSqliteEventStore, type SqliteEventStoreBundle } from '#ordo/event-store';
import type { OrdoConfig } from '../config/ordo-config.js';

/**
 * The embedded deployment: one SQLite file holds the event log, the read models, idempotency
 * records and job state, all written through one group-committing writer.
 */
export type SqlitePersistence = SqliteEventStoreBundle;

export function openSqlitePersistence(config: OrdoConfig): SqlitePersistence {
  return createSqliteEventStore({ path: config.databaseFile, synchronous: config.synchronous, groupCommit: config.groupCommit });
}
