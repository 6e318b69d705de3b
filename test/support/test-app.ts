import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Database } from 'better-sqlite3';
import { loadConfig, type OrdoConfig } from '../../apps/api/src/config/ordo-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import type { Clock } from '../../apps/api/src/platform/clock.js';
import { MerchantsService } from '../../apps/api/src/merchants/merchants.service.js';
import { SQLITE } from '../../apps/api/src/persistence/tokens.js';
import type { SqlitePersistence } from '../../apps/api/src/persistence/sqlite-persistence.js';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: Database;
  sqlite: SqlitePersistence;
  /** Keys of two merchants: A (test and live) and B (test). */
  keys: { aTest: string; aLive: string; bTest: string };
  merchants: { a: string; b: string };
  dir: string;
  close(): Promise<void>;
}

/** What a flow driven over HTTP needs, on either deployment. */
export type ApiClient = Pick<TestApp, 'app' | 'http' | 'keys' | 'merchants'>;

/** Merchant A (a test and a live key) and merchant B (a test key), and an HTTP client for the app. */
export async function withTwoMerchants(app: INestApplication): Promise<ApiClient> {
  const merchants = app.get(MerchantsService);
  const a = await merchants.createMerchant('Merchant A');
  const b = await merchants.createMerchant('Merchant B');
  const aTest = await merchants.createApiKey(a.merchantId, 'test');
  const aLive = await merchants.createApiKey(a.merchantId, 'live');
  const bTest = await merchants.createApiKey(b.merchantId, 'test');
  return { app, http: request(app.getHttpServer()), keys: { aTest: aTest.key, aLive: aLive.key, bTest: bTest.key }, merchants: { a: a.merchantId, b: b.merchantId } };
}

/** The real application on a real SQLite file in a temp directory. */
export async function startTestApp(overrides: Partial<OrdoConfig> = {}, clock?: Clock): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-test-'));
  // Rate limits are off unless a test is about them: many tests send bursts on one key.
  const config = loadConfig({ ORDO_DATA_DIR: dir, LOG_LEVEL: 'silent' }, { projectionPollMs: 0, webhookPollMs: 0, rateLimitWritesPerSecond: 0, rateLimitReadsPerSecond: 0, ...overrides });
  const app = await createApp({ config, silent: true, ...(clock ? { clock } : {}) });
  const sqlite = app.get<SqlitePersistence>(SQLITE);
  return {
    ...(await withTwoMerchants(app)),
    db: sqlite.db,
    sqlite,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export function eventCount(db: Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
}
