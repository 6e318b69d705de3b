import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

function dump(t: TestApp, table: string, order: string): unknown[] {
  return t.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
}

describe('Projections: rebuild and replay (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
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
});
