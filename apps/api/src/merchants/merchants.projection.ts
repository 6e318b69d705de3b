import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '#ordo/event-store';
import type { MerchantEvent } from '#ordo/domain';
import type { Projection } from '../application/projections/projection.js';
import type { ApiKeyCache } from './api-key-cache.js';

/** Merchants and the hashes of their API keys — what authentication looks keys up in. */
export class MerchantsProjection implements Projection {
  readonly name = 'merchants';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS merchants (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS api_keys (
       key_id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
       hint TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)`,
  ];
  readonly tables = ['merchants', 'api_keys'];
  readonly handles = new Set(['MerchantCreated', 'ApiKeyCreated', 'ApiKeyRevoked']);
  private statements!: Record<'merchant' | 'key' | 'revoke', Statement>;

  constructor(private readonly cache: ApiKeyCache) {}

  prepare(db: Database): void {
    this.statements = {
      merchant: db.prepare('INSERT OR IGNORE INTO merchants (id, name, created_at) VALUES (?, ?, ?)'),
      key: db.prepare('INSERT OR IGNORE INTO api_keys (key_id, merchant_id, mode, key_hash, hint, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL'),
    };
  }

  apply(recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as MerchantEvent;
    switch (event.type) {
      case 'MerchantCreated':
        this.statements.merchant.run(event.data.merchant_id, event.data.name, event.data.occurred_at);
        break;
      case 'ApiKeyCreated': {
        const d = event.data;
        this.statements.key.run(d.key_id, d.merchant_id, d.mode, d.key_hash, d.hint, d.occurred_at);
        break;
      }
      case 'ApiKeyRevoked':
        this.statements.revoke.run(event.data.occurred_at, event.data.key_id);
        this.cache.evict(event.data.key_id);
        break;
    }
  }
}
