/**
 * The real Ordo app for the POST /v1/orders bench: full stack (auth guard, idempotency and
 * envelope interceptors, validation pipe, command path, SQLite event store with
 * synchronous=FULL, projections awaited for read-your-writes, read-model query for the answer).
 * Rate limits are set beyond any bench load (the guard still runs). Logging: the pino-http middleware stays in the chain at level 'silent' (request ids
 * are still minted and sent as Request-Id; nothing is written) and the Nest logger is off.
 * Data goes to $ORDO_DATA_DIR (the runner passes a fresh temp dir) or a new temp dir.
 * BENCH_SQLITE_SYNCHRONOUS=NORMAL measures the cost of the fsync per commit (not a setting for a ledger).
 * BENCH_SANDBOX_THREAD=off runs the sandbox processor in the event loop's thread (the default: its own thread).
 * Usage: PORT=0 node dist/bench/http/ordo-server.js [--adapter=express|fastify]
 * Prints `READY <port> <test-mode API key> <data dir>`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/api/src/config/ordo-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { MerchantsService } from '../../apps/api/src/merchants/merchants.service.js';
import { adapterFromArgs, serve } from './serve.js';

const dataDir = process.env.ORDO_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ordo-bench-'));
// BENCH_DEBUG=1 only to see why a start-up fails (Nest exits silently when its logger is off).
const debug = process.env.BENCH_DEBUG === '1';
// The rate limiter runs (its cost is part of the figures) with limits no bench load reaches.
const config = loadConfig(
  { ...process.env, ORDO_DATA_DIR: dataDir },
  { httpAdapter: adapterFromArgs(), logLevel: debug ? 'info' : 'silent', rateLimitWritesPerSecond: 1e9, rateLimitReadsPerSecond: 1e9, sandboxThread: process.env.BENCH_SANDBOX_THREAD !== 'off', ...(process.env.BENCH_SQLITE_SYNCHRONOUS ? { synchronous: process.env.BENCH_SQLITE_SYNCHRONOUS as 'FULL' | 'NORMAL' } : {}) },
);
const app = await createApp({ config, silent: !debug });
const merchants = app.get(MerchantsService);
const { merchantId } = await merchants.createMerchant('Bench Merchant');
const { key } = await merchants.createApiKey(merchantId, 'test');
await serve(app, [key, dataDir]);
