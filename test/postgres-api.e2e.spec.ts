import { readdirSync } from 'node:fs';
import pg from 'pg';
import { reconcile } from '../apps/api/src/finance/reconcile.js';
import { READ_DB, type ReadDb } from '../apps/api/src/persistence/read-db.js';
import { EVENT_STORE } from '../apps/api/src/persistence/tokens.js';
import type { EventStore } from '#ordo/event-store';
import { describeWithPostgres } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { runMixedFlow } from './support/mixed-flow.js';
import { startPostgresTestApp, type PostgresTestApp } from './support/postgres-app.js';
import { bearer, usd } from './support/test-app.js';

/**
 * The API itself on the scale-out configuration: log, read models and service state on
 * PostgreSQL, the projector beside it. One of everything a merchant does succeeds as on the
 * embedded file, every write is readable at once (the API waits for the projector's checkpoint),
 * reconciliation finds nothing and the trial balance is zero per currency.
 */
describeWithPostgres('the API on PostgreSQL (ORDO_EVENTS=postgres, ORDO_READ_MODELS=postgres)', () => {
  let t: PostgresTestApp;
  const auth = () => bearer(t.keys.aTest);

  beforeAll(async () => {
    t = await startPostgresTestApp({ apiReference: false });
  }, 60_000);
  afterAll(() => t?.close());

  it('runs one of everything a merchant does (cards, refunds, invoices paid offline, subscriptions on a test clock, hosted checkout, links, webhooks)', async () => {
    await runMixedFlow(t);
    const orders = (await t.http.get('/v1/orders?page_size=100').set(auth()).expect(200)).body.data as { id: string }[];
    expect(orders.length).toBeGreaterThanOrEqual(6);
    // Nothing went to an embedded file: the log is in PostgreSQL, and so are the read models.
    expect(readdirSync(t.dir).filter((f) => f.startsWith('ordo.db'))).toEqual([]);
    const pool = new pg.Pool({ connectionString: t.schema.url });
    try {
      const events = (await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM ordo_events')).rows[0]!.n;
      const projected = (await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM orders')).rows[0]!.n;
      expect(Number(events)).toBeGreaterThan(50);
      expect(Number(projected)).toBeGreaterThan(orders.length); // merchant B's too
    } finally {
      await pool.end();
    }
  }, 120_000);

  it('reads its own writes at once: the answer waits for the projector', async () => {
    for (let i = 0; i < 5; i++) {
      const order = (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', line_items: [{ name: 'Now', quantity: 1, unit_price_money: usd(100 + i) }] }).expect(201)).body.data;
      const listed = (await t.http.get('/v1/orders?page_size=1').set(auth()).expect(200)).body.data as { id: string }[];
      expect(listed[0]?.id).toBe(order.id);
      await t.http.get(`/v1/orders/${order.id}`).set(auth()).expect(200);
    }
  });

  it('keeps merchants apart and answers a replayed Idempotency-Key from PostgreSQL', async () => {
    const body = { currency: 'USD', line_items: [{ name: 'Once', quantity: 1, unit_price_money: usd(900) }] };
    const first = await t.http.post('/v1/orders').set({ ...auth(), 'Idempotency-Key': 'pg-once' }).send(body).expect(201);
    const again = await t.http.post('/v1/orders').set({ ...auth(), 'Idempotency-Key': 'pg-once' }).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.id).toBe(first.body.data.id);
    await t.http.post('/v1/orders').set({ ...auth(), 'Idempotency-Key': 'pg-once' }).send({ ...body, currency: 'EUR' }).expect(409);
    const other = await t.http.get(`/v1/orders/${first.body.data.id}`).set(bearer(t.keys.bTest)).expect(404);
    const unknown = await t.http.get('/v1/orders/ord_0000000000000000000000').set(bearer(t.keys.bTest)).expect(404);
    expect(other.body.error.code).toBe(unknown.body.error.code);
  });

  it('reconciles with zero differences and balances the journal per currency', async () => {
    const report = await reconcile(t.app.get<ReadDb>(READ_DB), t.app.get<EventStore>(EVENT_STORE));
    expect(report.orders).toBeGreaterThanOrEqual(12);
    expect(report.differences).toEqual([]);
    const tb = (await t.http.get('/v1/reports/trial-balance').set(auth()).expect(200)).body.data as { currencies: { currency: string; accounts: { balance_money: { amount: number } }[] }[] };
    expect(tb.currencies.map((c) => c.currency).sort()).toEqual(['EUR', 'USD']);
    for (const c of tb.currencies) expect([c.currency, c.accounts.reduce((s, a) => s + a.balance_money.amount, 0)]).toEqual([c.currency, 0]);
  });

  it('is ready when PostgreSQL answers and the projector keeps up', async () => {
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.data?.status ?? ready.body.status).toBe('ok');
  });
});
