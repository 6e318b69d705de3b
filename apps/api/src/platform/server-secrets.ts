import type { Provider } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { STATE_DB, type StateDb } from '../persistence/state-db.js';
import { first, run, type SqlJob } from '../persistence/sql/sql-job.js';
import { defineStateJob } from '../persistence/sql/state-job.js';

const SETTINGS_TABLE = 'CREATE TABLE IF NOT EXISTS server_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)';

/** Stores `candidate` as the id secret unless another process already has; answers the one stored. */
function* storedIdSecret(candidate: string): SqlJob<string> {
  yield* run('INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', ['id_secret', candidate]);
  const row = yield* first<{ value: string }>('SELECT value FROM server_settings WHERE name = ?', ['id_secret']);
  return row!.value;
}

const storeIdSecret = defineStateJob('settings.storeIdSecret', storedIdSecret);

/**
 * The server's id secret (the HMAC key that derives ids from idempotency keys, and signs hosted
 * page links), made by whichever process starts first and shared by every process on that
 * database: written once, then only read.
 */
export function* idSecret(): SqlJob<string> {
  yield* run(SETTINGS_TABLE);
  return yield* storedIdSecret(randomBytes(32).toString('hex'));
}

/** Secrets the service makes for itself on first start and keeps in its own database. */
export class ServerSecrets {
  constructor(readonly idSecret: string) {}

  static async load(state: StateDb): Promise<ServerSecrets> {
    // The table first, under the schema lock: API processes starting together on PostgreSQL.
    await state.schema([SETTINGS_TABLE]);
    return new ServerSecrets(await state.transaction(storeIdSecret(randomBytes(32).toString('hex'))));
  }
}

export const serverSecretsProvider: Provider = { provide: ServerSecrets, inject: [STATE_DB], useFactory: (state: StateDb) => ServerSecrets.load(state) };
