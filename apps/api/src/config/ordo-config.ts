import { resolve } from 'node:path';

/** Everything the service reads from its environment, read once at start-up. */
export interface OrdoConfig {
  port: number;
  host: string;
  /** SQLite file holding events, read models, idempotency records and job state. */
  databaseFile: string;
  /** Where the log lives: the embedded SQLite file (default), PostgreSQL or KurrentDB. */
  events: 'sqlite' | 'postgres' | 'kurrentdb';
  /** Where read models live: the SQLite file (default) or PostgreSQL (written by `apps/projector`). */
  readModels: 'sqlite' | 'postgres';
  /** ORDO_POSTGRES_URL: the PostgreSQL database for `events=postgres` and `readModels=postgres`. */
  postgresUrl: string | undefined;
  /** KURRENTDB_URL: the KurrentDB/EventStoreDB connection string for `events=kurrentdb`. */
  kurrentdbUrl: string | undefined;
  /** How often an idle projector looks at the log, and a standby asks for the lead. */
  projectorIdleMs: number;
  /** Events the projector applies per transaction. */
  projectorBatch: number;
  /** With read models on PostgreSQL: how long a write waits for the projector before answering anyway. */
  projectionWaitMs: number;
  /** Connections this process keeps to PostgreSQL for read models and service state. */
  postgresPoolSize: number;
  /**
   * Run the scheduled jobs here (ORDO_WORKERS=off for API-only replicas): processor recovery,
   * authorization expiry, renewals, invoice schedules, webhook delivery. On PostgreSQL any number
   * of processes may run them: one holds the workers' lock at a time, the others stand by.
   */
  workers: boolean;
  /** Run the sandbox test processor in a worker thread (its fsyncs off the event loop); ORDO_SANDBOX_THREAD=off keeps it in-thread. */
  sandboxThread: boolean;
  /** The embedded file's writer (appends, projections, service state) in a worker thread of its own. */
  sqliteWriterThread: boolean;
  /** How long an Idempotency-Key claim is held for a process that may have died (several API processes). */
  idempotencyLeaseMs: number;
  synchronous: 'FULL' | 'NORMAL' | 'OFF';
  groupCommit: boolean;
  httpAdapter: 'express' | 'fastify';
  logLevel: string;
  /** Bounded re-runs of load → decide → append when another writer got there first. */
  commandRetries: number;
  /** How many folded streams the command path keeps (least recently used go first; 0 = none). */
  streamCacheSize: number;
  /** Deep-freeze the kept folds, so code that mutates a shared state fails loudly (on under jest). */
  freezeStreamCache: boolean;
  idempotencyTtlHours: number;
  /** Serve `/docs` and `/openapi.json` (ORDO_API_REFERENCE=off hides them). */
  apiReference: boolean;
  /** How often the projection runner looks for events appended by other processes (the CLI). */
  projectionPollMs: number;
  /** The sandbox processor's own SQLite file (test mode); never Ordo's database. */
  sandboxProcessorFile: string;
  /** How often the payment recovery job looks for unanswered processor calls (0 = start-up only). */
  paymentRecoveryMs: number;
  /** Attempts younger than this are left to the request that started them. */
  paymentRecoveryGraceMs: number;
  /** How often the invoice scheduler looks for due reminders and overdue invoices; 0 = never (tests call it). */
  invoiceSchedulerMs: number;
  /** How often subscriptions on the real clock are renewed and retried; 0 = never (tests call it). Test clocks bill when advanced. */
  subscriptionSchedulerMs: number;
  /**
   * How long a process trusts an API key it looked up before looking again: the bound within
   * which a key revoked by another process (the CLI, another replica) is refused here too.
   */
  apiKeyRecheckMs: number;
  /**
   * Per API key, a token bucket each for writes (every method but GET) and reads: this many per
   * second on average, and as a burst. 0 turns that limit off.
   */
  rateLimitWritesPerSecond: number;
  rateLimitReadsPerSecond: number;
  /** The address buyers reach this service at: the base of hosted page URLs (checkout, payment links, invoices). */
  publicUrl: string;
  /** How often open checkout sessions past their expiry are expired; 0 = never (tests call it). */
  checkoutExpiryMs: number;
  /** Seals webhook signing secrets at rest: ORDO_SECRETS_KEY (32 bytes, base64), else a key file made on first start. */
  secretsKey: string | undefined;
  secretsKeyFile: string;
  /** How often the webhook dispatcher looks for due deliveries besides being woken by new events; 0 = only when woken (tests call it). */
  webhookPollMs: number;
  /** One delivery attempt waits at most this long for the receiver's answer. */
  webhookTimeoutMs: number;
  /** Attempts in flight at once, in all, and per endpoint (a slow receiver holds only its own share). */
  webhookConcurrency: number;
  webhookConcurrencyPerEndpoint: number;
  /** The event feed (GET /v1/events) lists events this many days old at most. */
  eventRetentionDays: number;
}

export const ORDO_CONFIG = Symbol('ORDO_CONFIG');

/** A whole number ≥ 0 from the environment, else the default; anything else stops the start-up. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

function choice<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name] || fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`${name} must be ${allowed.join(' | ')}, got "${raw}"`);
  return raw as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<OrdoConfig> = {}): OrdoConfig {
  const dataDir = resolve(env.ORDO_DATA_DIR ?? './data');
  const synchronous = (env.ORDO_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous)) throw new Error(`ORDO_SQLITE_SYNCHRONOUS must be FULL, NORMAL or OFF`);
  const httpAdapter = env.ORDO_HTTP_ADAPTER ?? 'express';
  if (httpAdapter !== 'express' && httpAdapter !== 'fastify') throw new Error('ORDO_HTTP_ADAPTER must be express or fastify');
  return {
    port: wholeNumber(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseFile: env.ORDO_DATABASE_FILE ?? resolve(dataDir, 'ordo.db'),
    events: choice(env, 'ORDO_EVENTS', ['sqlite', 'postgres', 'kurrentdb'], 'sqlite'),
    readModels: choice(env, 'ORDO_READ_MODELS', ['sqlite', 'postgres'], 'sqlite'),
    postgresUrl: env.ORDO_POSTGRES_URL || undefined,
    kurrentdbUrl: env.KURRENTDB_URL || undefined,
    projectorIdleMs: Math.max(1, wholeNumber(env, 'ORDO_PROJECTOR_IDLE_MS', 200)),
    projectorBatch: Math.max(1, wholeNumber(env, 'ORDO_PROJECTOR_BATCH', 500)),
    projectionWaitMs: wholeNumber(env, 'ORDO_PROJECTION_WAIT_MS', 10_000),
    postgresPoolSize: Math.max(2, wholeNumber(env, 'ORDO_POSTGRES_POOL', 10)),
    workers: choice(env, 'ORDO_WORKERS', ['on', 'off'], 'on') === 'on',
    idempotencyLeaseMs: wholeNumber(env, 'ORDO_IDEMPOTENCY_LEASE_MS', 60_000),
    sandboxThread: choice(env, 'ORDO_SANDBOX_THREAD', ['on', 'off'], 'on') === 'on',
    sqliteWriterThread: choice(env, 'ORDO_SQLITE_WRITER_THREAD', ['on', 'off'], 'on') === 'on',
    synchronous: synchronous as OrdoConfig['synchronous'],
    groupCommit: env.ORDO_GROUP_COMMIT !== 'off',
    httpAdapter,
    logLevel: env.LOG_LEVEL ?? 'info',
    commandRetries: wholeNumber(env, 'ORDO_COMMAND_RETRIES', 5),
    streamCacheSize: wholeNumber(env, 'ORDO_STREAM_CACHE_SIZE', 2_000),
    freezeStreamCache: env.NODE_ENV === 'test',
    idempotencyTtlHours: 24,
    projectionPollMs: wholeNumber(env, 'ORDO_PROJECTION_POLL_MS', 500),
    apiReference: env.ORDO_API_REFERENCE !== 'off',
    sandboxProcessorFile: env.ORDO_SANDBOX_PROCESSOR_FILE ?? resolve(dataDir, 'sandbox-processor.db'),
    paymentRecoveryMs: wholeNumber(env, 'ORDO_PAYMENT_RECOVERY_MS', 30_000),
    paymentRecoveryGraceMs: wholeNumber(env, 'ORDO_PAYMENT_RECOVERY_GRACE_MS', 10_000),
    invoiceSchedulerMs: wholeNumber(env, 'ORDO_INVOICE_SCHEDULER_MS', 60_000),
    subscriptionSchedulerMs: wholeNumber(env, 'ORDO_SUBSCRIPTION_SCHEDULER_MS', 60_000),
    apiKeyRecheckMs: wholeNumber(env, 'ORDO_API_KEY_RECHECK_MS', 5_000),
    rateLimitWritesPerSecond: wholeNumber(env, 'ORDO_RATE_LIMIT_WRITES', 100),
    rateLimitReadsPerSecond: wholeNumber(env, 'ORDO_RATE_LIMIT_READS', 200),
    publicUrl: (env.ORDO_PUBLIC_URL ?? `http://localhost:${wholeNumber(env, 'PORT', 3000)}`).replace(/\/+$/, ''),
    checkoutExpiryMs: wholeNumber(env, 'ORDO_CHECKOUT_EXPIRY_MS', 60_000),
    secretsKey: env.ORDO_SECRETS_KEY || undefined,
    secretsKeyFile: env.ORDO_SECRETS_KEY_FILE ?? resolve(dataDir, 'secrets.key'),
    webhookPollMs: wholeNumber(env, 'ORDO_WEBHOOK_POLL_MS', 1_000),
    webhookTimeoutMs: wholeNumber(env, 'ORDO_WEBHOOK_TIMEOUT_MS', 10_000),
    webhookConcurrency: Math.max(1, wholeNumber(env, 'ORDO_WEBHOOK_CONCURRENCY', 16)),
    webhookConcurrencyPerEndpoint: Math.max(1, wholeNumber(env, 'ORDO_WEBHOOK_CONCURRENCY_PER_ENDPOINT', 4)),
    eventRetentionDays: Math.max(1, wholeNumber(env, 'ORDO_EVENT_RETENTION_DAYS', 30)),
    ...overrides,
  };
}
