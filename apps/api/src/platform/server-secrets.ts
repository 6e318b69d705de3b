import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SQLITE } from '../persistence/tokens.js';
import type { SqlitePersistence } from '../persistence/sqlite-persistence.js';

/**
 * Secrets the service makes for itself on first start and keeps in its own database
 * (e.g. the HMAC key that derives ids from idempotency keys).
 */
@Injectable()
export class ServerSecrets {
  readonly idSecret: string;

  constructor(@Inject(SQLITE) sqlite: SqlitePersistence) {
    const db = sqlite.db;
    db.exec('CREATE TABLE IF NOT EXISTS server_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.prepare('INSERT OR IGNORE INTO server_settings (name, value) VALUES (?, ?)').run('id_secret', randomBytes(32).toString('hex'));
    this.idSecret = (db.prepare('SELECT value FROM server_settings WHERE name = ?').get('id_secret') as { value: string }).value;
  }
}
