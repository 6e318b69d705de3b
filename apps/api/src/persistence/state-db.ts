import type pg from 'pg';
import { deploymentLockSql } from '#ordo/event-store';
import type { SqlitePersistence } from './sqlite-persistence.js';
import { PostgresJobs } from './sql/postgres-jobs.js';
import { postgresDdl } from './sql/postgres-sql.js';
import { SqliteJobs } from './sql/sqlite-jobs.js';
import type { SqlJob } from './sql/sql-job.js';
import { sqlJobOf, type StateJob } from './sql/state-job.js';
import type { SqliteWriterThread } from './sqlite-thread/sqlite-writer-thread.js';

/** Held while service-state tables are created (of this deployment): "Stat". */
const STATE_SCHEMA_LOCK_KEY = 0x53746174;

/** Service state that is not a read model, on either engine. */
export const STATE_DB = Symbol('STATE_DB');

/**
 * The service's own mutable state — idempotency claims, webhook delivery progress, server
 * settings — written as SQL jobs (sql-job.ts) so one implementation runs on the embedded file and
 * on PostgreSQL. Unlike read models, several processes write it at once on PostgreSQL: a job that
 * must not race another process says so in its SQL (a conditional upsert, a row it compares).
 */
export interface StateDb {
  /** Runs a job in one transaction (described, so it can run in the thread that writes). */
  transaction<T>(job: StateJob<T>): Promise<T>;
  /** Runs a read-only job outside any transaction (a point look-up on the hot path). */
  read<T>(job: SqlJob<T>): Promise<T>;
  /** Creates tables and indexes (SQLite DDL; INTEGER becomes BIGINT on PostgreSQL). */
  schema(statements: readonly string[]): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
}

/** On the embedded file: writes through the group-committing writer, reads on the same connection. */
export class SqliteStateDb implements StateDb {
  private readonly jobs: SqliteJobs;

  constructor(private readonly sqlite: SqlitePersistence) {
    this.jobs = new SqliteJobs(sqlite.db);
  }

  transaction<T>(job: StateJob<T>): Promise<T> {
    return this.sqlite.writer.write(() => this.jobs.run(sqlJobOf(job)));
  }

  async read<T>(job: SqlJob<T>): Promise<T> {
    return this.jobs.run(job);
  }

  async schema(statements: readonly string[]): Promise<void> {
    for (const statement of statements) this.sqlite.db.exec(statement);
  }

  async ping(): Promise<boolean> {
    return this.sqlite.db.open && this.sqlite.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }
}

/**
 * On the embedded file when its writer runs in a thread: transactions and DDL go to the thread,
 * reads stay on this thread's connection (WAL: they see every committed transaction).
 */
export class ThreadedSqliteStateDb implements StateDb {
  private readonly jobs: SqliteJobs;

  constructor(
    private readonly sqlite: SqlitePersistence,
    private readonly thread: SqliteWriterThread,
  ) {
    this.jobs = new SqliteJobs(sqlite.db);
  }

  transaction<T>(job: StateJob<T>): Promise<T> {
    return this.thread.state(job);
  }

  async read<T>(job: SqlJob<T>): Promise<T> {
    return this.jobs.run(job);
  }

  schema(statements: readonly string[]): Promise<void> {
    return this.thread.schema(statements);
  }

  async ping(): Promise<boolean> {
    return this.thread.alive && this.sqlite.db.open && this.sqlite.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }
}

/** On PostgreSQL: a pool made by `createReadModelPool`; each transaction on a client of its own. */
export class PostgresStateDb implements StateDb {
  constructor(private readonly pool: pg.Pool) {}

  async transaction<T>(job: StateJob<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await new PostgresJobs(client).run(sqlJobOf(job));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async read<T>(job: SqlJob<T>): Promise<T> {
    // A pool answers each statement on whichever client is free: fine for one-statement reads.
    return new PostgresJobs(this.pool).run(job);
  }

  async schema(statements: readonly string[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Several processes start at once: one creates, the others wait and find the tables there.
      await client.query('BEGIN');
      await client.query(deploymentLockSql('pg_advisory_xact_lock'), [STATE_SCHEMA_LOCK_KEY]);
      for (const statement of statements) await client.query(postgresDdl(statement));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 AS ok')).rows.length === 1;
  }
}
