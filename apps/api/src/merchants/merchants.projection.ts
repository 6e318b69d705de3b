import type { RecordedEvent } from '#ordo/event-store';
import type { MerchantEvent } from '#ordo/domain';
import type { Projection } from '../application/projections/projection.js';
import { run, type SqlJob } from '../persistence/sql/sql-job.js';

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
  /** `keyRevoked` lets this process's key cache forget a revoked key at once. */
  constructor(private readonly keyRevoked: (keyId: string) => void) {}

  *apply(recorded: RecordedEvent): SqlJob<void> {
    const event = { type: recorded.type, data: recorded.data } as MerchantEvent;
    switch (event.type) {
      case 'MerchantCreated':
        yield* run('INSERT INTO merchants (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [event.data.merchant_id, event.data.name, event.data.occurred_at]);
        break;
      case 'ApiKeyCreated': {
        const d = event.data;
        yield* run('INSERT INTO api_keys (key_id, merchant_id, mode, key_hash, hint, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [d.key_id, d.merchant_id, d.mode, d.key_hash, d.hint, d.occurred_at]);
        break;
      }
      case 'ApiKeyRevoked':
        yield* run('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL', [event.data.occurred_at, event.data.key_id]);
        this.keyRevoked(event.data.key_id);
        break;
    }
  }
}
