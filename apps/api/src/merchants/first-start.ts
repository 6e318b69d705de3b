import type { INestApplication } from '@nestjs/common';
import { MerchantsService } from './merchants.service.js';

/** On an empty database, creates a test-mode merchant and returns its key (shown once by the caller). */
export async function ensureFirstMerchant(app: INestApplication): Promise<{ merchantId: string; key: string } | undefined> {
  const merchants = app.get(MerchantsService);
  if (await merchants.hasAnyMerchant()) return undefined;
  const { merchantId } = await merchants.createMerchant('My first merchant');
  const { key } = await merchants.createApiKey(merchantId, 'test');
  return { merchantId, key };
}
