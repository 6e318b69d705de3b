import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SQLITE } from '../persistence/tokens.js';
import type { SqlitePersistence } from '../persistence/sqlite-persistence.js';
import { SqliteJobs } from '../persistence/sql/sqlite-jobs.js';
import { first, run, type SqlJob } from '../persistence/sql/sql-job.js';

/**
 * The server's id secret (the HMAC key that derives ids from idempotency keys, and signs hosted
 * page links), made by whichever process starts first and shared by every process on that
 * database: written once, then only read.
 */
export function* idSecret(): SqlJob<string> {
  yield* run('CREATE TABLE IF NOT EXISTS server_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
  yield* run('INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', ['id_secret', randomBytes(32).toString('hex')]);
  const row = yield* first<{ value: string }>('SELECT value FROM server_settings WHERE name = ?', ['id_secret']);
  return row!.value;
}

/** Secrets the service makes for itself on first start and keeps in its own database. */
@Injectable()
export class ServerSecrets {
  readonly idSecret: string;

  constructor(@Inject(SQLITE) sqlite: SqlitePersistence) {
    this.idSecret = new SqliteJobs(sqlite.db).run(idSecret());
  }
}
