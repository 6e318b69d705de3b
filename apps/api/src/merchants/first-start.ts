import type { INestApplication } from '@nestjs/common';
import { MerchantsService } from './merchants.service.js';
import { WorkerLease } from '../platform/worker-lease.js';

/**
 * On an empty database, creates a test-mode merchant and returns its key (shown once by the
 * caller). Several processes starting together on PostgreSQL leave it to the one running the
 * workers (it holds their lock), so there is one first merchant, not one per replica.
 */
export async function ensureFirstMerchant(app: INestApplication): Promise<{ merchantId: string; key: string } | undefined> {
  if (!app.get(WorkerLease).active) return undefined;
  const merchants = app.get(MerchantsService);
  if (await merchants.hasAnyMerchant()) return undefined;
  const { merchantId } = await merchants.createMerchant('My first merchant');
  const { key } = await merchants.createApiKey(merchantId, 'test');
  return { merchantId, key };
}
