import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { postgresValues, toPostgres } from './sql/postgres-sql.js';
import type { SqlParams } from './sql/sql-job.js';
import { StatementCache } from './sql/statement-cache.js';

/** The read models as queries see them, on either engine. */
export const READ_DB = Symbol('READ_DB');

/**
 * Reads of read models, written once in the dialect-neutral subset of sql-job.ts (`?` or `@name`
 * placeholders; Kysely's SQLite compiler emits that subset too). Rows come back alike on both
 * engines: whole numbers as numbers, text as strings.
 */
export interface ReadDb {
  all<R>(sql: string, params?: SqlParams): Promise<R[]>;
  first<R>(sql: string, params?: SqlParams): Promise<R | undefined>;
}

/** On the embedded file: synchronous better-sqlite3 underneath, statements prepared once per text. */
export class SqliteReadDb implements ReadDb {
  private readonly statements: StatementCache;

  constructor(db: Database) {
    this.statements = new StatementCache(db);
  }

  async all<R>(sql: string, params: SqlParams = []): Promise<R[]> {
    return this.statements.get(sql).all(...bind(params)) as R[];
  }

  async first<R>(sql: string, params: SqlParams = []): Promise<R | undefined> {
    return this.statements.get(sql).get(...bind(params)) as R | undefined;
  }
}

const bind = (params: SqlParams): unknown[] => (Array.isArray(params) ? params : [params]);

/** On PostgreSQL: a pool made by `createReadModelPool` (so integers read back as numbers). */
export class PostgresReadDb implements ReadDb {
  constructor(private readonly pool: pg.Pool) {}

  async all<R>(sql: string, params: SqlParams = []): Promise<R[]> {
    const translated = toPostgres(sql);
    return (await this.pool.query({ text: translated.text, values: postgresValues(translated, params) })).rows as R[];
  }

  async first<R>(sql: string, params: SqlParams = []): Promise<R | undefined> {
    return (await this.all<R>(sql, params))[0];
  }
}
