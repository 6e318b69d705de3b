import type Database from 'better-sqlite3';
import { openSqlite, type SqliteSynchronous } from './open-sqlite.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';
import { SqliteWriter } from './sqlite-writer.js';

export interface CreateSqliteEventStoreOptions extends SqliteEventStoreOptions {
  /** File path, or `:memory:`. */
  path: string;
  /** Default `FULL` (durable). */
  synchronous?: SqliteSynchronous;
  /** Default `true`. */
  groupCommit?: boolean;
  /** Jobs per transaction at most (default 1000). */
  maxBatchSize?: number;
  busyTimeoutMs?: number;
}

export interface SqliteEventStoreBundle {
  /** The connection; read models read it directly and write through `writer`. */
  db: Database.Database;
  /** The one writer of this file in this process; shared with read models and job state. */
  writer: SqliteWriter;
  store: SqliteEventStore;
  /** Closes the store, then the writer (which flushes its queue and closes `db`). */
  close(): Promise<void>;
}

/** Opens the file, its writer and the event store on it, ready to be shared by the app. */
export function createSqliteEventStore(options: CreateSqliteEventStoreOptions): SqliteEventStoreBundle {
  const db = openSqlite(options.path, { synchronous: options.synchronous, busyTimeoutMs: options.busyTimeoutMs });
  try {
    const writer = new SqliteWriter(db, { groupCommit: options.groupCommit, maxBatchSize: options.maxBatchSize });
    const store = new SqliteEventStore(writer, options);
    return {
      db,
      writer,
      store,
      async close() {
        await store.close();
        await writer.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
