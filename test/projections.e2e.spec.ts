import { givenCustomers } from './support/customers.js';
import { PROJECTIONS, ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { ORDO_CONFIG } from '../apps/api/src/config/ordo-config.js';
import { PaymentsProjection } from '../apps/api/src/payments/read-model/payments.projection.js';
import { EVENT_STORE, SQLITE } from '../apps/api/src/persistence/tokens.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

function dump(t: TestApp, table: string, order: string): unknown[] {
  return t.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
}

describe('Projections: rebuild and replay (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await givenCustomers(t, ['cus_0000000000000000upgrade1']);
    const auth = bearer(t.keys.aTest);
    for (let i = 0; i < 5; i++) {
      const order = (
        await t.http
          .post('/v1/orders')
          .set(auth)
          .send({ currency: 'USD', line_items: [{ name: `thing ${i}`, quantity: i + 1, unit_price_money: usd(999) }], taxes: [{ name: 'tax', percentage: '7.25' }] })
          .expect(201)
      ).body.data;
      await t.http.post(`/v1/orders/${order.id}/discounts`).set(auth).send({ name: 'promo', percentage: '12.5' }).expect(200);
      if (i % 2) await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200);
    }
  });
  afterAll(() => t.close());

  it('a rebuild from position 0 yields identical tables', async () => {
    const tables: [string, string][] = [
      ['orders', 'id'],
      ['order_timeline', 'position'],
      ['merchants', 'id'],
      ['api_keys', 'key_id'],
    ];
    const before = tables.map(([name, order]) => dump(t, name, order));
    expect((before[0] as unknown[]).length).toBe(5);
    await t.app.get(ProjectionRunner).rebuild();
    const after = tables.map(([name, order]) => dump(t, name, order));
    expect(after).toEqual(before);
  });

  it('applying the same events twice changes nothing', async () => {
    const before = [dump(t, 'orders', 'id'), dump(t, 'order_timeline', 'position')];
    // Move the checkpoints back without emptying the tables: every event is delivered again.
    const runner = t.app.get(ProjectionRunner);
    await runner.rewind(0n);
    await runner.catchUp();
    expect([dump(t, 'orders', 'id'), dump(t, 'order_timeline', 'position')]).toEqual(before);
    expect(runner.checkpoint('orders')).toBeGreaterThan(0n);
  });

  it('a row that fell behind (rebuilt elsewhere) is re-folded from its stream, never skipping a fact', async () => {
    const auth = bearer(t.keys.aTest);
    const order = (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'one', quantity: 1, unit_price_money: usd(100) }] }).expect(201)).body.data;
    await t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: 'two', quantity: 1, unit_price_money: usd(100) }).expect(200);
    // What a rebuild in another process leaves for a while: the row is gone, our checkpoint is not.
    t.db.prepare('DELETE FROM orders WHERE id = ?').run(order.id);
    await t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: 'three', quantity: 1, unit_price_money: usd(100) }).expect(200);
    const got = (await t.http.get(`/v1/orders/${order.id}`).set(auth).expect(200)).body.data;
    expect(got.line_items.map((l: { name: string }) => l.name)).toEqual(['one', 'two', 'three']);
    expect(got.amounts.total_money).toEqual(usd(300));
  });

  it('honours a rebuild done by another process (tables emptied, checkpoints reset in the database)', async () => {
    const before = [dump(t, 'orders', 'id'), dump(t, 'order_timeline', 'position')];
    t.db.exec("BEGIN; DELETE FROM orders; DELETE FROM order_timeline; UPDATE projection_checkpoints SET position = 0; COMMIT;");
    await t.app.get(ProjectionRunner).catchUp().catch(() => undefined);
    // The next batch reads the checkpoints from the database, so a write triggers the replay.
    const auth = bearer(t.keys.aTest);
    await t.http.get('/v1/orders').set(auth).expect(200);
    const order = (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD' }).expect(201)).body.data;
    const after = [dump(t, 'orders', 'id').filter((r) => (r as { id: string }).id !== order.id), dump(t, 'order_timeline', 'position').filter((r) => (r as { order_id: string }).order_id !== order.id)];
    expect(after).toEqual(before);
  });

  it('a projection whose version changed is dropped and rebuilt at start (new columns included)', async () => {
    const auth = bearer(t.keys.aTest);
    await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 700, currency: 'USD' }, customer_id: 'cus_0000000000000000upgrade1', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201);
    const before = dump(t, 'payment_intents', 'id');
    expect(before.length).toBeGreaterThan(0);
    // What an older build left: the table without customer_id, at version 1.
    t.db.exec(`BEGIN; DROP TABLE payment_intents;
      CREATE TABLE payment_intents (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, amount INTEGER, captured INTEGER NOT NULL, refunded INTEGER NOT NULL, pending_key TEXT, pending_since TEXT, expires_at TEXT, created_at TEXT NOT NULL, revision INTEGER NOT NULL, resource TEXT NOT NULL);
      UPDATE projection_checkpoints SET version = 1 WHERE name = 'payments'; COMMIT;`);
    const runner = new ProjectionRunner(t.app.get(EVENT_STORE), t.app.get(SQLITE), t.app.get(PROJECTIONS), t.app.get(ORDO_CONFIG));
    await runner.start();
    runner.onApplicationShutdown();
    expect(dump(t, 'payment_intents', 'id')).toEqual(before);
    expect(t.db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'payments'").get()).toEqual({ version: new PaymentsProjection().version });
    const listed = (await t.http.get('/v1/payment-intents?customer_id=cus_0000000000000000upgrade1').set(auth).expect(200)).body.data;
    expect(listed.map((pi: { amount_money: { amount: number } }) => pi.amount_money.amount)).toEqual([700]);
  });
});
