import { createSqliteEventStore, openSqlite, SqliteEventStore, SqliteWriter, type SqliteEventStoreBundle } from '#ordo/event-store';
import type { OrdoConfig } from '../config/ordo-config.js';
import { canRunWriterThread, SqliteWriterThread } from './sqlite-thread/sqlite-writer-thread.js';

/**
 * The embedded deployment: one SQLite file holds the event log, the read models, idempotency
 * records and job state, all written through one group-committing writer — in this thread, or
 * (`thread`) in a writer thread of its own, with this thread's connection only reading.
 */
export type SqlitePersistence = SqliteEventStoreBundle & { thread?: SqliteWriterThread };

/** The writer in this thread (the CLI, in-process tests, ORDO_SQLITE_WRITER_THREAD=off). */
export function openSqlitePersistence(config: OrdoConfig): SqlitePersistence {
  return createSqliteEventStore({ path: config.databaseFile, synchronous: config.synchronous, groupCommit: config.groupCommit });
}

/**
 * The writer in its own thread when the build has the thread's entry (TypeScript sources run by
 * the test runner do not): this thread reads on its own WAL connection, which sees a write as
 * soon as the thread answered it (the answer follows the commit).
 */
export async function openEmbeddedPersistence(config: OrdoConfig): Promise<SqlitePersistence> {
  if (!config.sqliteWriterThread || !canRunWriterThread()) return openSqlitePersistence(config);
  const thread = await SqliteWriterThread.start({
    path: config.databaseFile,
    synchronous: config.synchronous,
    groupCommit: config.groupCommit,
    projectionPollMs: config.projectionPollMs,
  });
  try {
    const db = openSqlite(config.databaseFile, { synchronous: config.synchronous });
    // Every write goes to the thread; one made here by mistake fails instead of racing it.
    db.pragma('query_only = ON');
    const writer = new SqliteWriter(db);
    const store = new SqliteEventStore(writer, { appendThrough: (stream, rows, expected) => thread.append(stream, rows, expected) });
    thread.on('committed', () => store.wake());
    return {
      db,
      writer,
      store,
      thread,
      async close() {
        await store.close();
        await thread.close();
        await writer.close();
      },
    };
  } catch (error) {
    await thread.close();
    throw error;
  }
}
