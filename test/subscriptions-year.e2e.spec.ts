import { fold, subscriptionDecider, type SubscriptionEvent } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { EVENT_STORE } from '../apps/api/src/persistence/tokens.js';
import { createCustomer } from './support/customers.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

const SUBSCRIPTIONS = 100;

describe('a test clock advanced by a year with 100 monthly subscriptions (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ subscriptionSchedulerMs: 0 });
  });
  afterAll(() => t.close());

  it('finishes, and every subscription has exactly one order per elapsed cycle, each paid once', async () => {
    const a = bearer(t.keys.aTest);
    const clock = (await t.http.post('/v1/test-clocks').set(a).send({ frozen_time: '2028-01-31T12:00:00Z' }).expect(201)).body.data.id as string;
    const plan = (await t.http.post('/v1/plans').set(a).send({ name: 'Monthly', currency: 'USD', interval: 'month', line_items: [{ name: 'Seat', unit_price_money: usd(1200) }] }).expect(201)).body.data.id;
    const subs: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const customer = await createCustomer(t, t.keys.aTest, { name: `Customer ${i}`, test_clock_id: clock });
      await t.http.post(`/v1/customers/${customer}/payment-methods`).set(a).send({ token: 'tok_visa' }).expect(201);
      subs.push((await t.http.post('/v1/subscriptions').set(a).send({ customer_id: customer, plan_id: plan }).expect(201)).body.data.id);
    }
    const started = Date.now();
    // One second short of a year: cycles 1 (at the start) to 12 have begun, cycle 13 has not.
    const advanced = await t.http.post(`/v1/test-clocks/${clock}/advance`).set(a).send({ frozen_time: '2029-01-31T11:59:59Z' });
    expect(advanced.status).toBe(200);
    process.stdout.write(`[year] advanced ${SUBSCRIPTIONS} subscriptions by a year in ${Date.now() - started} ms\n`);

    const rows = t.db
      .prepare(
        `SELECT json_extract(resource, '$.subscription_id') AS sub, json_extract(resource, '$.billing_cycle') AS cycle, payment_status, total, outstanding
         FROM orders WHERE json_extract(resource, '$.origin') = 'subscription'`,
      )
      .all() as { sub: string; cycle: number; payment_status: string; total: number; outstanding: number }[];
    const bySub = new Map<string, number[]>();
    for (const row of rows) {
      bySub.set(row.sub, [...(bySub.get(row.sub) ?? []), row.cycle]);
      expect([row.payment_status, row.total, row.outstanding]).toEqual(['paid', 1200, 0]);
    }
    expect([...bySub.keys()].sort()).toEqual([...subs].sort());
    for (const cycles of bySub.values()) expect(cycles.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // One successful charge per order: 12 × 100 captured intents, no more.
    const captured = t.db.prepare("SELECT count(*) AS n FROM payment_intents WHERE status = 'succeeded'").get() as { n: number };
    expect(captured.n).toBe(SUBSCRIPTIONS * 12);
    const sample = (await t.http.get(`/v1/subscriptions/${subs[0]}`).set(a).expect(200)).body.data;
    expect(sample).toMatchObject({ status: 'active', current_cycle: 12, current_period_start: '2028-12-31T12:00:00.000Z', current_period_end: '2029-01-31T12:00:00.000Z' });

    // The read model is the fold of the streams: every row equals what the decider folds, and a
    // rebuild from position 0 writes the very same rows.
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const id of subs) {
      const folded = fold(subscriptionDecider, (await store.readStream(`subscription-${id}`)).map((e) => ({ type: e.type, data: e.data }) as SubscriptionEvent));
      const row = t.db.prepare('SELECT state FROM subscriptions WHERE id = ?').get(id) as { state: string };
      expect(JSON.parse(row.state)).toEqual(JSON.parse(JSON.stringify(folded)));
    }
    const tables = ['subscriptions', 'subscription_cycles', 'subscription_timeline', 'plans', 'test_clocks'];
    const snapshot = () => tables.map((table) => t.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
    const before = snapshot();
    await t.app.get(ProjectionRunner).rebuild(['billing']);
    expect(snapshot()).toEqual(before);
  }, 240_000);
});
