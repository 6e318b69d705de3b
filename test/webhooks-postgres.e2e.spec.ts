import type pg from 'pg';
import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import type { ProjectionProgress } from '../apps/api/src/application/projections/projection-progress.js';
import { PostgresProjector } from '../apps/api/src/application/projections/postgres-projector.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { ORDO_CONFIG, type OrdoConfig } from '../apps/api/src/config/ordo-config.js';
import { createReadModelClient, createReadModelPool } from '../apps/api/src/persistence/postgres/read-model-pool.js';
import { PostgresReadDb } from '../apps/api/src/persistence/read-db.js';
import { PostgresStateDb } from '../apps/api/src/persistence/state-db.js';
import { Clock } from '../apps/api/src/platform/clock.js';
import { SecretBox } from '../apps/api/src/platform/secret-box.js';
import { ServerSecrets } from '../apps/api/src/platform/server-secrets.js';
import { WebhookEndpointsService } from '../apps/api/src/webhooks/application/webhook-endpoints.service.js';
import { WebhookDispatcher } from '../apps/api/src/webhooks/delivery/webhook-dispatcher.js';
import { WorkerLease } from '../apps/api/src/platform/worker-lease.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

/**
 * Two dispatchers (as in two worker processes) on one PostgreSQL database, fed by a projector from
 * the embedded service's log: a slow receiver makes both send every delivery, yet each attempt is
 * recorded once, and failures count once each towards the endpoint's streak.
 */
describeWithPostgres('webhook delivery on PostgreSQL', () => {
  let t: TestApp;
  let schema: TestSchema;
  let pool: pg.Pool;
  let projector: PostgresProjector;
  const receivers: WebhookReceiver[] = [];
  const dispatchers: WebhookDispatcher[] = [];
  const ORDERS = 4;

  // Both act as if each held the workers' lock (the embedded app's lease is active): the
  // conditional updates, not the lock, must keep their records straight.
  const dispatcher = () => {
    const config = t.app.get<OrdoConfig>(ORDO_CONFIG);
    const quiet = { onApplied: () => undefined } as unknown as ProjectionProgress;
    const d = new WebhookDispatcher(new PostgresReadDb(pool), new PostgresStateDb(pool), config, quiet, t.app.get(Clock), t.app.get(SecretBox), t.app.get(WebhookEndpointsService), t.app.get(WorkerLease));
    dispatchers.push(d);
    return d;
  };
  /** An endpoint and orders for it on the embedded service, projected to PostgreSQL, nothing sent yet. */
  const queued = async (receiver: WebhookReceiver): Promise<string> => {
    const auth = bearer(t.keys.aTest);
    const ep = (await t.http.post('/v1/webhook-endpoints').set(auth).send({ url: receiver.url, enabled_events: ['order.created'] }).expect(201)).body.data as { id: string };
    for (let i = 0; i < ORDERS; i++) {
      await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4000) }] }).expect(201);
    }
    await projector.caughtUp(await t.sqlite.store.headPosition());
    return ep.id;
  };
  const rows = async <R>(sql: string, values: unknown[]) => (await pool.query(sql, values)).rows as R[];

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false, webhookTimeoutMs: 1_500 });
    // The embedded service's own dispatcher stays out of it: only the two on PostgreSQL send.
    t.app.get(WebhookDispatcher).onModuleDestroy();
    schema = await freshPostgresSchema('webhooks');
    pool = createReadModelPool(schema.url);
    const config = t.app.get<OrdoConfig>(ORDO_CONFIG);
    projector = new PostgresProjector(pool, () => createReadModelClient(schema.url), t.sqlite.store, createProjections({ publicUrl: config.publicUrl, idSecret: t.app.get(ServerSecrets).idSecret }), { idleMs: 20, batch: 97 });
    projector.start();
  }, 60_000);
  afterAll(async () => {
    dispatchers.forEach((d) => d.onModuleDestroy());
    await projector?.stop();
    await pool?.end();
    await schema?.drop();
    await Promise.all(receivers.map((r) => r.stop()));
    await t?.close();
  });

  it('both send each delivery; the attempt is recorded once', async () => {
    const r = await new WebhookReceiver(() => ({ status: 200, delayMs: 200 })).start();
    receivers.push(r);
    const endpointId = await queued(r);
    await Promise.all([dispatcher().deliverDue(), dispatcher().deliverDue()]);
    const deliveries = await rows<{ id: string; status: string; attempts: number }>('SELECT id, status, attempts FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId]);
    expect(deliveries).toHaveLength(ORDERS);
    expect(deliveries.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    const attempts = await rows<{ delivery_id: string; attempt: number }>('SELECT delivery_id, attempt FROM webhook_attempts WHERE delivery_id = ANY($1)', [deliveries.map((d) => d.id)]);
    expect(attempts).toHaveLength(ORDERS);
    // Each went out twice (at least once is the promise; receivers dedupe on webhook-id).
    expect(r.received).toHaveLength(2 * ORDERS);
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(ORDERS);
  });

  it('a failure both saw counts once towards the streak', async () => {
    const r = await new WebhookReceiver(() => ({ status: 503, delayMs: 200 })).start();
    receivers.push(r);
    const endpointId = await queued(r);
    await Promise.all([dispatcher().deliverDue(), dispatcher().deliverDue()]);
    const deliveries = await rows<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId]);
    expect(deliveries.every((d) => d.status === 'pending' && d.attempts === 1)).toBe(true);
    const [health] = await rows<{ consecutive_failures: number }>('SELECT consecutive_failures FROM webhook_endpoint_health WHERE endpoint_id = $1', [endpointId]);
    expect(health?.consecutive_failures).toBe(ORDERS);
  });
});
