import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { PostgresProjector } from '../apps/api/src/application/projections/postgres-projector.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { replayPostgres } from '../apps/api/src/application/projections/postgres-replay.js';
import { ORDO_CONFIG, type OrdoConfig } from '../apps/api/src/config/ordo-config.js';
import { createReadModelClient, createReadModelPool } from '../apps/api/src/persistence/postgres/read-model-pool.js';
import { ServerSecrets } from '../apps/api/src/platform/server-secrets.js';
import { runMixedFlow } from './support/mixed-flow.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';
import type pg from 'pg';
import { BillingQueries } from '../apps/api/src/billing/read-model/billing.queries.js';
import { CheckoutSessionsQueries } from '../apps/api/src/checkout/read-model/checkout-sessions.queries.js';
import { CustomerTimelineQueries } from '../apps/api/src/customers/read-model/customer-timeline.queries.js';
import { CustomersQueries } from '../apps/api/src/customers/read-model/customers.queries.js';
import { ReceivablesQueries } from '../apps/api/src/customers/read-model/receivables.queries.js';
import { EventsQueries } from '../apps/api/src/events/read-model/events.queries.js';
import { TrialBalanceQueries } from '../apps/api/src/finance/trial-balance.queries.js';
import { HostedInvoices } from '../apps/api/src/hosted/hosted-invoices.js';
import { InvoicesQueries } from '../apps/api/src/invoices/read-model/invoices.queries.js';
import { OrdersQueries } from '../apps/api/src/orders/read-model/orders.queries.js';
import { PaymentLinksQueries } from '../apps/api/src/payment-links/read-model/payment-links.queries.js';
import { PaymentsQueries } from '../apps/api/src/payments/read-model/payments.queries.js';
import { PostgresReadDb, SqliteReadDb, type ReadDb } from '../apps/api/src/persistence/read-db.js';
import { Clock } from '../apps/api/src/platform/clock.js';
import { WebhookEndpointsQueries } from '../apps/api/src/webhooks/read-model/webhook-endpoints.queries.js';

/**
 * The same projections, written once, build the same tables on PostgreSQL as on SQLite: a mixed
 * flow runs on the default (SQLite) service, then a PostgreSQL projector reads that very log and
 * every table is compared row for row. Replaying into rows already there changes nothing, and a
 * standby projector takes over when the active one stops.
 */
describeWithPostgres('read models on PostgreSQL', () => {
  let t: TestApp;
  let schema: TestSchema;
  let pool: pg.Pool;
  const projectors: PostgresProjector[] = [];

  const projector = () => {
    const config = t.app.get<OrdoConfig>(ORDO_CONFIG);
    const p = new PostgresProjector(pool, () => createReadModelClient(schema.url), t.sqlite.store, createProjections({ publicUrl: config.publicUrl, idSecret: t.app.get(ServerSecrets).idSecret }), { idleMs: 20, batch: 97 });
    projectors.push(p);
    return p;
  };
  const tables = () => createProjections({ publicUrl: '', idSecret: '' }).flatMap((p) => p.tables);
  /** Rows as sorted JSON lines: both engines answer whole numbers as numbers and text as strings. */
  const sqliteRows = (table: string) => (t.db.prepare(`SELECT * FROM ${table}`).all() as object[]).map((r) => JSON.stringify(r)).sort();
  const postgresRows = async (table: string) => (await pool.query(`SELECT * FROM ${table}`)).rows.map((r: object) => JSON.stringify(r)).sort();
  const expectSameRows = async () => {
    for (const table of tables()) expect([table, await postgresRows(table)]).toEqual([table, sqliteRows(table)]);
  };

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
    await runMixedFlow(t);
    schema = await freshPostgresSchema('readmodels');
    pool = createReadModelPool(schema.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(projectors.map((p) => p.stop()));
    await pool?.end();
    await schema?.drop();
    await t?.close();
  });

  it('a projector fed from the same log builds every table exactly as SQLite did', async () => {
    const p = projector();
    p.start();
    await p.caughtUp(await t.sqlite.store.headPosition());
    expect(p.isLeader).toBe(true);
    const counts = await Promise.all(tables().map(async (table) => [table, (await postgresRows(table)).length] as const));
    // The flow reached every read model: no table is compared empty against empty.
    expect(counts.filter(([, n]) => n === 0)).toEqual([]);
    await expectSameRows();
    const checkpoints = (await pool.query('SELECT name, position FROM projection_checkpoints ORDER BY name')).rows;
    expect(new Set(checkpoints.map((c: { position: number }) => c.position))).toEqual(new Set([Number(await t.sqlite.store.headPosition())]));
  }, 60_000);

  it('every query answers the same from the PostgreSQL read models as from SQLite (the API read path on both engines)', async () => {
    const config = t.app.get<OrdoConfig>(ORDO_CONFIG);
    const secrets = t.app.get(ServerSecrets);
    const clock = t.app.get(Clock);
    const now = clock.now();
    const queriesOn = (db: ReadDb) => {
      const receivables = new ReceivablesQueries(db);
      return {
        orders: new OrdersQueries(db),
        payments: new PaymentsQueries(db, config, secrets),
        invoices: new InvoicesQueries(db, config),
        sessions: new CheckoutSessionsQueries(db, config),
        links: new PaymentLinksQueries(db, config),
        events: new EventsQueries(db, config, clock),
        billing: new BillingQueries(db),
        endpoints: new WebhookEndpointsQueries(db),
        customers: new CustomersQueries(db, receivables),
        receivables,
        timelines: new CustomerTimelineQueries(db),
        trialBalance: new TrialBalanceQueries(db),
        hostedInvoices: new HostedInvoices(db),
      };
    };
    const sqlite = queriesOn(new SqliteReadDb(t.db));
    const postgres = queriesOn(new PostgresReadDb(pool));
    type Queries = ReturnType<typeof queriesOn>;
    const asked: string[] = [];
    const same = async (what: string, ask: (q: Queries) => Promise<unknown>) => {
      asked.push(what);
      expect([what, await ask(postgres)]).toEqual([what, await ask(sqlite)]);
    };
    const page = { page_size: 100 };
    for (const tenant of [{ merchantId: t.merchants.a, mode: 'test' as const }, { merchantId: t.merchants.b, mode: 'test' as const }]) {
      const orders = await sqlite.orders.list(tenant, page);
      expect(orders.items.length).toBeGreaterThan(0);
      await same('orders', (q) => q.orders.list(tenant, page));
      await same('paid orders', (q) => q.orders.list(tenant, { ...page, payment_status: 'paid' }));
      for (const o of orders.items) {
        await same(`order ${o.id}`, (q) => q.orders.get(tenant, o.id));
        await same(`state ${o.id}`, (q) => q.orders.state(tenant, o.id));
        await same(`timeline ${o.id}`, (q) => q.orders.timeline(tenant, o.id));
      }
      await same('intents', (q) => q.payments.listIntents(tenant, {}));
      await same('refunds', (q) => q.payments.listRefunds(tenant, {}));
      for (const pi of (await sqlite.payments.listIntents(tenant, {})).items) await same(`intent ${pi.id}`, (q) => q.payments.intent(tenant, pi.id));
      await same('invoices', (q) => q.invoices.list(tenant, {}));
      await same('overdue invoices', (q) => q.invoices.list(tenant, { overdue: 'false', status: 'paid' }));
      await same('sessions', (q) => q.sessions.list(tenant, page, {}));
      await same('links', (q) => q.links.list(tenant, page));
      await same('events', (q) => q.events.list(tenant, page, {}));
      await same('events by type', (q) => q.events.list(tenant, page, { types: ['order.created', 'payment_intent.succeeded'] }));
      await same('plans', (q) => q.billing.plans(tenant, page));
      await same('subscriptions', (q) => q.billing.subscriptions(tenant, page, {}));
      await same('endpoints', (q) => q.endpoints.list(tenant, page));
      await same('customers', (q) => q.customers.list(tenant, page, now));
      await same('customers by name', (q) => q.customers.list(tenant, { ...page, name: 'CLOCK' }, now));
      for (const c of (await sqlite.customers.list(tenant, page, now)).items) {
        await same(`receivables ${c.id}`, (q) => q.receivables.customer(tenant, c.id, now));
        await same(`customer timeline ${c.id}`, (q) => q.timelines.timeline(tenant, c.id, {}, page));
        await same(`payment methods ${c.id}`, (q) => q.customers.paymentMethods(tenant, c.id, now, true));
      }
      await same('aging', (q) => q.receivables.agingReport(tenant, now));
      await same('trial balance', (q) => q.trialBalance.trialBalance(tenant));
    }
    const token = (t.db.prepare('SELECT pay_token FROM invoices WHERE pay_token IS NOT NULL').get() as { pay_token: string }).pay_token;
    await same('hosted invoice', (q) => q.hostedInvoices.byToken(token));
    expect(asked.length).toBeGreaterThan(40);
  }, 60_000);

  it('delivering the whole log again into the rows already there changes nothing', async () => {
    await projectors[0]!.stop();
    await pool.query('UPDATE projection_checkpoints SET position = 0');
    const again = projector();
    again.start();
    await again.caughtUp(await t.sqlite.store.headPosition());
    await expectSameRows();
  }, 60_000);

  it('one projector leads; a standby waits and takes over when the leader stops, from its checkpoints', async () => {
    const leader = projectors.at(-1)!;
    const standby = projector();
    standby.start();
    await new Promise((r) => setTimeout(r, 100));
    expect([leader.isLeader, standby.isLeader]).toEqual([true, false]);
    await leader.stop();
    const auth = bearer(t.keys.aTest);
    await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'After', quantity: 1, unit_price_money: usd(900) }] }).expect(201);
    await standby.caughtUp(await t.sqlite.store.headPosition());
    expect(standby.isLeader).toBe(true);
    await expectSameRows();
  }, 60_000);

  it('replay rebuilds into a scratch schema while the projector runs, and swaps in equal tables', async () => {
    const active = projectors.at(-1)!;
    expect(active.isLeader).toBe(true);
    const auth = bearer(t.keys.aTest);
    const during = t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'During', quantity: 1, unit_price_money: usd(700) }] });
    const report = await replayPostgres(pool, t.sqlite.store, createProjections({ publicUrl: t.app.get<OrdoConfig>(ORDO_CONFIG).publicUrl, idSecret: t.app.get(ServerSecrets).idSecret }));
    expect((await during).status).toBe(201);
    expect(report.rows.orders).toBeGreaterThanOrEqual(8);
    await active.caughtUp(await t.sqlite.store.headPosition());
    await expectSameRows();
    const left = await pool.query("SELECT nspname FROM pg_namespace WHERE nspname = $1", [`${schema.schema}_replay`]);
    expect(left.rows).toEqual([]);
  }, 60_000);
});
