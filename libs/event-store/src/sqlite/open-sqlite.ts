import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface OpenSqliteOptions {
  /**
   * `FULL` (default) fsyncs the WAL on every commit: a commit that returned survives a power
   * loss. `NORMAL` in WAL mode can lose the last commits on power loss (never corrupts);
   * `OFF` leaves flushing to the OS. Only FULL is right for a ledger.
   */
  synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's lock before SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
}

const SYNCHRONOUS: readonly SqliteSynchronous[] = ['FULL', 'NORMAL', 'OFF'];

/**
 * Opens a SQLite file the way every part of Ordo expects it: WAL (readers never block the
 * writer), the chosen durability, a busy timeout so a second process (the CLI) waits instead
 * of failing, and foreign keys enforced. Creates the parent directory; `:memory:` is allowed.
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): Database.Database {
  const synchronous = options.synchronous ?? 'FULL';
  if (!SYNCHRONOUS.includes(synchronous)) throw new RangeError(`synchronous must be one of ${SYNCHRONOUS.join(', ')}`);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new RangeError('busyTimeoutMs must be an integer >= 0');

  if (path !== ':memory:' && path !== '' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
