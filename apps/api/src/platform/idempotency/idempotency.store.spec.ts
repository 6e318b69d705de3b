import type pg from 'pg';
import { createSqliteEventStore } from '#ordo/event-store';
import { freshPostgresSchema, postgresTestUrl, type TestSchema } from '../../../../../libs/event-store/src/testing/postgres-test-schema.js';
import { loadConfig } from '../../config/ordo-config.js';
import { createReadModelPool } from '../../persistence/postgres/read-model-pool.js';
import { PostgresStateDb, SqliteStateDb, type StateDb } from '../../persistence/state-db.js';
import { IdempotencyStore, type IdempotencyClaim } from './idempotency.store.js';

interface Engine {
  name: string;
  leaseMs: number;
  open(): Promise<{ state: StateDb; close(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite (one process per file: no lease)',
    leaseMs: 0,
    async open() {
      const bundle = createSqliteEventStore({ path: ':memory:' });
      return { state: new SqliteStateDb(bundle), close: () => bundle.close() };
    },
  },
  ...(postgresTestUrl
    ? [
        {
          name: 'PostgreSQL (several processes: a lease)',
          leaseMs: 60_000,
          async open() {
            const schema: TestSchema = await freshPostgresSchema('idem');
            const pool: pg.Pool = createReadModelPool(schema.url);
            return { state: new PostgresStateDb(pool), close: async () => (await pool.end(), await schema.drop()) };
          },
        },
      ]
    : []),
];

const scope = { merchantId: 'mer_1', mode: 'test', key: 'k-1' };
const T0 = '2026-12-04T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const claim = (owner: string, over: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
  hash: 'h1',
  method: 'POST',
  path: '/v1/orders',
  owner,
  claimedAt: T0,
  now: T0,
  expiresAt: at(86_400_000),
  ...over,
});

describe.each(engines)('IdempotencyStore on $name', (engine) => {
  let opened: { state: StateDb; close(): Promise<void> };
  let store: IdempotencyStore;

  beforeEach(async () => {
    opened = await engine.open();
    const config = { ...loadConfig({}), readModels: engine.leaseMs > 0 ? 'postgres' : 'sqlite', idempotencyLeaseMs: engine.leaseMs } as const;
    store = new IdempotencyStore(opened.state, config);
    await store.onModuleInit();
    await store.onModuleInit(); // a second process starting on the same database
  });
  afterEach(() => opened.close());

  it('gives a free key to the first claim only', async () => {
    expect(await store.claim(scope, claim('A'))).toBe(true);
    const second = await store.claim(scope, claim('B', { claimedAt: at(5), now: at(5) }));
    expect(second).toBe(false);
    expect((await store.get(scope))?.owner).toBe('A');
  });

  it('lets a retry of the same request take over an unfinished claim once its lease is over, keeping the claim time', async () => {
    await store.claim(scope, claim('A'));
    const early = await store.claim(scope, claim('B', { now: at(engine.leaseMs / 2) }));
    expect(early).toBe(engine.leaseMs === 0); // one process per file: the holder can only have died
    expect(await store.claim(scope, claim('B', { now: at(engine.leaseMs) }))).toBe(true);
    const record = await store.get(scope);
    expect(record).toMatchObject({ owner: 'B', state: 'in_progress', created_at: T0 });
    // The first holder's late answer changes nothing.
    expect(await store.complete(scope, 'A', 201, '{}')).toBe(0);
  });

  it('never lets another request take over an unfinished claim, lease or not', async () => {
    await store.claim(scope, claim('A'));
    expect(await store.claim(scope, claim('B', { hash: 'h2', now: at(engine.leaseMs + 1) }))).toBe(false);
  });

  it('lets the next attempt take over a reopened claim at once', async () => {
    await store.claim(scope, claim('A'));
    expect(await store.reopen(scope, 'A')).toBe(1);
    expect(await store.claim(scope, claim('B', { now: at(1) }))).toBe(true);
  });

  it('keeps a completed answer until its retention ends, then lets the key be claimed anew', async () => {
    await store.claim(scope, claim('A'));
    expect(await store.complete(scope, 'A', 201, '{"data":1}')).toBe(1);
    expect(await store.claim(scope, claim('B', { now: at(engine.leaseMs + 1) }))).toBe(false);
    expect(await store.get(scope)).toMatchObject({ state: 'completed', status_code: 201, response: '{"data":1}' });
    const later = at(86_400_000);
    expect(await store.claim(scope, claim('B', { hash: 'h2', claimedAt: later, now: later, expiresAt: at(2 * 86_400_000) }))).toBe(true);
    expect(await store.get(scope)).toMatchObject({ owner: 'B', request_hash: 'h2', state: 'in_progress', response: null });
  });

  it('answers one winner among claims racing for a free key', async () => {
    const results = await Promise.all(['A', 'B', 'C', 'D'].map((owner, i) => store.claim(scope, claim(owner, { claimedAt: at(i), now: at(i) }))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a released key and purges expired ones', async () => {
    await store.claim(scope, claim('A'));
    expect(await store.release(scope, 'A')).toBe(1);
    expect(await store.get(scope)).toBeUndefined();
    await store.claim(scope, claim('A'));
    expect(await store.purgeExpired(at(86_400_000))).toBe(1);
    expect(await store.get(scope)).toBeUndefined();
  });
});
