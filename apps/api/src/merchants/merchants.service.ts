import { Inject, Injectable } from '@nestjs/common';
import { merchantDecider, merchantStreamName, type MerchantCommand } from '#ordo/domain';
import { CommandPath } from '../application/command-path.js';
import { Clock } from '../platform/clock.js';
import { randomId } from '../platform/ids.js';
import { READ_DB, type ReadDb } from '../persistence/read-db.js';
import { ApiKeyCache, type AuthenticatedKey } from './api-key-cache.js';
import { hashApiKey, mintApiKey, parseApiKey, type Mode } from './api-key.js';

export type { AuthenticatedKey };

export interface MerchantSummary {
  id: string;
  name: string;
  created_at: string;
  keys: { key_id: string; mode: Mode; hint: string; created_at: string; revoked_at: string | null }[];
}

/** Merchant and API-key administration (CLI and first start) and key look-up for auth. */
@Injectable()
export class MerchantsService {

  constructor(
    private readonly commands: CommandPath,
    private readonly clock: Clock,
    @Inject(READ_DB) private readonly db: ReadDb,
    private readonly cache: ApiKeyCache,
  ) {}

  async createMerchant(name: string): Promise<{ merchantId: string }> {
    const merchantId = randomId('mer_');
    await this.run(merchantId, { type: 'CreateMerchant', data: { merchant_id: merchantId, name }, now: this.clock.nowIso() });
    return { merchantId };
  }

  /** Returns the clear key: the only time it is ever shown. */
  async createApiKey(merchantId: string, mode: Mode): Promise<{ keyId: string; key: string }> {
    const minted = mintApiKey(mode);
    const keyId = randomId('key_');
    await this.run(merchantId, {
      type: 'CreateApiKey',
      data: { merchant_id: merchantId, key_id: keyId, mode, key_hash: minted.hash, hint: minted.hint },
      now: this.clock.nowIso(),
    });
    return { keyId, key: minted.key };
  }

  async revokeApiKey(merchantId: string, keyId: string): Promise<void> {
    await this.run(merchantId, { type: 'RevokeApiKey', data: { merchant_id: merchantId, key_id: keyId }, now: this.clock.nowIso() });
  }

  /**
   * Runs on every request (a cache hit answers without a read). A key revoked anywhere is
   * refused here within the cache's age bound.
   */
  async authenticate(key: string): Promise<AuthenticatedKey | undefined> {
    if (!parseApiKey(key)) return undefined;
    const hash = hashApiKey(key);
    const now = this.clock.now().getTime();
    const cached = this.cache.get(hash, now);
    if (cached) return cached;
    const row = await this.db.first<{ key_id: string; merchant_id: string; mode: Mode }>('SELECT key_id, merchant_id, mode FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL', [hash]);
    if (!row) return undefined;
    const found = { merchantId: row.merchant_id, mode: row.mode, keyId: row.key_id };
    this.cache.set(hash, found, now);
    return found;
  }

  async hasAnyMerchant(): Promise<boolean> {
    return (await this.db.first('SELECT 1 AS one FROM merchants LIMIT 1')) !== undefined;
  }

  async list(): Promise<MerchantSummary[]> {
    const merchants = await this.db.all<Omit<MerchantSummary, 'keys'>>('SELECT id, name, created_at FROM merchants ORDER BY created_at');
    const keys = await this.db.all<MerchantSummary['keys'][number] & { merchant_id: string }>('SELECT key_id, merchant_id, mode, hint, created_at, revoked_at FROM api_keys ORDER BY created_at');
    return merchants.map((m) => ({ ...m, keys: keys.filter((k) => k.merchant_id === m.id).map(({ merchant_id: _, ...k }) => k) }));
  }

  private async run(merchantId: string, command: MerchantCommand): Promise<void> {
    // Merchant administration is not a tenant request: the merchant's own stream is its tenancy.
    await this.commands.run(merchantDecider, merchantStreamName(merchantId), command, { merchantId, mode: 'live', requestId: 'req_admin' }, 'MERCHANT_CONFLICT');
  }
}
