import { orderDecider, type ExistingOrder, type OrderEvent } from '#ordo/domain';
import { toOrderResource } from '../apps/api/src/orders/read-model/order-resource.js';
import { manualPaymentRecorded } from '../libs/domain/src/testing/collection-fixtures.js';
import { ORDER_ID } from '../libs/domain/src/testing/order-fixtures.js';
import { CAPTURED, ORDER_100, refundRequested, refundSucceeded } from '../libs/domain/src/testing/payment-fixtures.js';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { givenOrderEvents } from './support/seed.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Given events, when a route is read, then the answer: the read models and the HTTP answers
 * are checked against a fold of the very events they were built from (issue 16.5).
 */
describe('Seeded with events: read models and routes answer what the events say (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  // The fixtures' 100.00 order, captured in full, 25.00 refunded.
  const events: OrderEvent[] = [...CAPTURED, refundRequested(2500), refundSucceeded(2500)];

  it('GET /v1/orders/{id} answers exactly the fold of the events (the orders read model)', async () => {
    await givenOrderEvents(t, ORDER_ID, events);
    const folded = events.reduce(orderDecider.evolve, orderDecider.initialState()) as ExistingOrder;
    const answer = (await t.http.get(`/v1/orders/${ORDER_ID}`).set(auth).expect(200)).body.data;
    expect(answer).toEqual(toOrderResource(folded, BigInt(events.length - 1)));
    expect(answer.amounts).toMatchObject({ paid_money: usd(10000), refunded_money: usd(2500), net_paid_money: usd(7500), outstanding_money: usd(0) });
  });

  it('the timeline has one entry per event, in order, with the amounts after each', async () => {
    const timeline = (await t.http.get(`/v1/orders/${ORDER_ID}/timeline`).set(auth).expect(200)).body.data as { type: string; amounts_after: { refunded_money: unknown } }[];
    expect(timeline.map((e) => e.type)).toEqual(events.map((e) => e.type));
    expect(timeline.at(-1)!.amounts_after.refunded_money).toEqual(usd(2500));
  });

  it('the payments read model serves the intent and the refund the events describe, and nothing to another merchant', async () => {
    const intents = (await t.http.get(`/v1/payment-intents?order_id=${ORDER_ID}`).set(auth).expect(200)).body.data as { status: string; captured_money: unknown; refunded_money: unknown }[];
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ status: 'succeeded', captured_money: usd(10000), refunded_money: usd(2500) });
    expect((await t.http.get(`/v1/refunds?order_id=${ORDER_ID}`).set(auth).expect(200)).body.data).toHaveLength(1);
    await t.http.get(`/v1/orders/${ORDER_ID}`).set(bearer(t.keys.bTest)).expect(404);
  });

  it('offline money seeded on another order shows on it, and a rebuild from the same events changes nothing', async () => {
    const other = 'ord_0000000000000002';
    const forOther = (e: OrderEvent) => ({ ...e, data: { ...e.data, order_id: other } }) as OrderEvent;
    await givenOrderEvents(t, other, [...ORDER_100, manualPaymentRecorded(3000, undefined, null)].map(forOther));
    const before = (await t.http.get(`/v1/orders/${other}`).set(auth).expect(200)).body.data;
    expect(before.amounts).toMatchObject({ paid_money: usd(3000), outstanding_money: usd(7000) });
    await t.app.get(ProjectionRunner).rebuild();
    expect((await t.http.get(`/v1/orders/${other}`).set(auth).expect(200)).body.data).toEqual(before);
  });
});
