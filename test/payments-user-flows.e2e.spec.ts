import { givenCustomers } from './support/customers.js';
import { jest } from '@jest/globals';
import type { PaymentProcessor } from '#ordo/processor';
import { PaymentProcessors } from '../apps/api/src/payments/processor/payment-processors.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Flows a new user tried that went wrong (issue 14): each test is the flow as they ran it,
 * asserting what they expected to see.
 */
describe('Payment flows as a new user runs them (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await givenCustomers(t, ['cus_Alice00000000001', 'cus_Bob0000000000001', 'cus_Carol00000000001']);
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  /** 100.00: a 60.00 jacket and two 20.00 scarves. */
  const createOrder = async (extra: object = {}) =>
    (
      await t.http
        .post('/v1/orders')
        .set(auth)
        .send({ currency: 'USD', line_items: [{ name: 'Jacket', quantity: 1, unit_price_money: usd(6000) }, { name: 'Scarf', quantity: 2, unit_price_money: usd(2000) }], ...extra })
        .expect(201)
    ).body.data;
  const getOrder = async (id: string) => (await t.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.data;
  const authorize = async (orderId: string) =>
    (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: orderId, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
  const timelineTypes = async (id: string) => ((await t.http.get(`/v1/orders/${id}/timeline`).set(auth).expect(200)).body.data as { type: string }[]).map((e) => e.type);

  describe('1. order refunds span payments', () => {
    /** 100.00 paid as 50.00 + 50.00 by two cards. */
    async function paidTwice() {
      const order = await createOrder();
      const pay = async () =>
        (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, amount_money: usd(5000), capture_method: 'automatic', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      const [a, b] = [await pay(), await pay()];
      expect((await getOrder(order.id)).payment_status).toBe('paid');
      return { order, a, b };
    }

    it('a line-item refund worth more than either payment is split over both, and the line records its refunded quantity', async () => {
      const { order, a, b } = await paidTwice();
      const jacket = order.line_items[0].id;
      const refund = (await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, line_items: [{ line_item_id: jacket, quantity: 1 }] }).expect(201)).body.data;
      expect(refund).toMatchObject({ status: 'succeeded', amount_money: usd(6000), payment_intent_id: null, line_items: [{ line_item_id: jacket, quantity: 1, amount_money: usd(6000) }] });
      expect(refund.payments).toEqual([
        { payment_intent_id: a.id, amount_money: usd(5000), status: 'succeeded', failure_code: null },
        { payment_intent_id: b.id, amount_money: usd(1000), status: 'succeeded', failure_code: null },
      ]);
      const after = await getOrder(order.id);
      expect(after.amounts).toMatchObject({ refunded_money: usd(6000), net_paid_money: usd(4000), outstanding_money: usd(0) });
      expect(after.refund_status).toBe('partially_refunded');
      expect(after.line_items[0]).toMatchObject({ refunded_quantity: 1 });
      // Each card got back exactly its part.
      expect((await t.http.get(`/v1/payment-intents/${a.id}`).set(auth).expect(200)).body.data.refunded_money).toEqual(usd(5000));
      expect((await t.http.get(`/v1/payment-intents/${b.id}`).set(auth).expect(200)).body.data.refunded_money).toEqual(usd(1000));
      // The refund is listed under both payments.
      for (const pi of [a, b]) {
        const listed = (await t.http.get(`/v1/refunds?payment_intent_id=${pi.id}`).set(auth).expect(200)).body.data as { id: string }[];
        expect(listed.map((r) => r.id)).toContain(refund.id);
      }
    });

    it('{order_id} alone refunds everything refundable across the payments', async () => {
      const { order } = await paidTwice();
      const refund = (await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id }).expect(201)).body.data;
      expect(refund).toMatchObject({ status: 'succeeded', amount_money: usd(10000) });
      expect(refund.payments).toHaveLength(2);
      const after = await getOrder(order.id);
      expect(after.amounts).toMatchObject({ refunded_money: usd(10000), net_paid_money: usd(0) });
      expect(after.refund_status).toBe('refunded');
      // Nothing is left: a second one is refused.
      expect((await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id }).expect(422)).body.error.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    });

    it('when one card refuses its part, the refund is partially_succeeded: the other part went back, the line stays booked, the refused money is still refundable from that payment', async () => {
      const order = await createOrder();
      const pay = async (token: string) =>
        (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, amount_money: usd(5000), capture_method: 'automatic', payment_method: { token }, confirm: true }).expect(201)).body.data;
      const good = await pay('tok_visa');
      const refusing = await pay('tok_refundFails');
      const jacket = order.line_items[0].id;
      const refund = (await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, line_items: [{ line_item_id: jacket, quantity: 1 }] }).expect(201)).body.data;
      expect(refund).toMatchObject({ status: 'partially_succeeded', amount_money: usd(6000), failure_code: 'refund_failed' });
      expect(refund.payments.map((p: { payment_intent_id: string; status: string }) => [p.payment_intent_id, p.status]).sort()).toEqual([
        [good.id, 'succeeded'],
        [refusing.id, 'failed'],
      ].sort());
      const after = await getOrder(order.id);
      const back = refund.payments.find((p: { status: string }) => p.status === 'succeeded').amount_money;
      expect(after.amounts.refunded_money).toEqual(back);
      expect(after.line_items[0]).toMatchObject({ refunded_quantity: 1 });
      // The refused part's money is free again on that payment (here the card refuses every refund).
      const retryPart = await t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: refusing.id, amount_money: refund.payments.find((p: { status: string }) => p.status === 'failed').amount_money }).expect(201);
      expect(retryPart.body.data.status).toBe('failed');
      // The jacket cannot be asked for twice.
      expect((await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, line_items: [{ line_item_id: jacket, quantity: 1 }] }).expect(422)).body.error.code).toBe('REFUND_QUANTITY_EXCEEDS_REMAINING');
      expect((await t.http.get(`/v1/refunds?status=partially_succeeded&order_id=${order.id}`).set(auth).expect(200)).body.data.map((r: { id: string }) => r.id)).toEqual([refund.id]);
    });

    it('an amount above what all payments together can refund is refused (422 REFUND_EXCEEDS_REFUNDABLE), writing nothing', async () => {
      const { order } = await paidTwice();
      const before = eventCount(t.db);
      const res = await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, amount_money: usd(10001)}).expect(422);
      expect(res.body.error).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', field: 'amount_money' });
      expect(eventCount(t.db)).toBe(before);
    });
  });

  describe('2. an intent and its order name one customer', () => {
    it("refuses an intent for another customer than the order's (422 CUSTOMER_MISMATCH), writing nothing", async () => {
      const order = await createOrder({ customer_id: 'cus_Alice00000000001' });
      const before = eventCount(t.db);
      const res = await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, customer_id: 'cus_Bob0000000000001', capture_method: 'automatic' }).expect(422);
      expect(res.body.error).toMatchObject({ code: 'CUSTOMER_MISMATCH', field: 'customer_id' });
      expect(eventCount(t.db)).toBe(before);
    });

    it("an order without a customer takes the intent's, and the customer's timeline shows the payment", async () => {
      const order = await createOrder();
      const customer = 'cus_Carol00000000001';
      await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, customer_id: customer, capture_method: 'automatic', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201);
      expect((await getOrder(order.id)).customer_id).toBe(customer);
      const timeline = (await t.http.get(`/v1/customers/${customer}/timeline?page_size=100`).set(auth).expect(200)).body.data as { order_id: string; type: string }[];
      expect(timeline.filter((e) => e.order_id === order.id).map((e) => e.type)).toEqual(expect.arrayContaining(['OrderCreated', 'PaymentIntentCreated', 'PaymentCaptured']));
    });
  });

  describe('3. shipped less, captured less', () => {
    it('a final partial capture with reduce_order leaves nothing owed, the order paid, nothing written off; the lines are what was sold', async () => {
      const order = await createOrder();
      const pi = await authorize(order.id);
      const captured = (await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(4000), final: true, reduce_order: true }).expect(200)).body.data;
      expect(captured).toMatchObject({ status: 'succeeded', captured_money: usd(4000), released_money: usd(6000) });
      const after = await getOrder(order.id);
      expect(after.amounts).toMatchObject({ total_money: usd(10000), paid_money: usd(4000), reduced_money: usd(6000), written_off_money: usd(0), outstanding_money: usd(0) });
      expect(after.payment_status).toBe('paid');
      const closed = (await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200)).body.data;
      expect(closed.amounts).toMatchObject({ written_off_money: usd(0), reduced_money: usd(6000), outstanding_money: usd(0) });
      const types = await timelineTypes(order.id);
      expect(types).toContain('OrderBalanceReduced');
      expect(types).not.toContain('OrderBalanceWrittenOff');
    });

    it('without reduce_order the released rest stays owed (collect it another way), as before', async () => {
      const order = await createOrder();
      const pi = await authorize(order.id);
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(4000), final: true }).expect(200);
      expect((await getOrder(order.id)).amounts).toMatchObject({ reduced_money: usd(0), outstanding_money: usd(6000) });
    });

    it('refuses reduce_order on a non-final capture (400 INVALID_REQUEST), writing nothing', async () => {
      const order = await createOrder();
      const pi = await authorize(order.id);
      const before = eventCount(t.db);
      const res = await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(4000), final: false, reduce_order: true }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_REQUEST', field: 'reduce_order' });
      expect(eventCount(t.db)).toBe(before);
    });
  });

  describe('4. releasing the rest of a hold after a non-final capture', () => {
    it('cancel after a non-final capture releases the rest: the intent succeeds with what it captured, the rest stays owed', async () => {
      const order = await createOrder();
      const pi = await authorize(order.id);
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(3000), final: false }).expect(200);
      const released = (await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(auth).send({}).expect(200)).body.data;
      expect(released).toMatchObject({ status: 'succeeded', captured_money: usd(3000), released_money: usd(7000), capturable_money: usd(0) });
      expect((await getOrder(order.id)).amounts).toMatchObject({ paid_money: usd(3000), outstanding_money: usd(7000) });
      // Nothing is held any more, so the order can be closed (the rest is then written off).
      await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200);
      // A second cancel has nothing left to release.
      expect((await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(auth).send({}).expect(409)).body.error.code).toBe('ORDER_CLOSED');
    });

    it('cancel with reduce_order after a non-final capture releases the rest and takes it off what is owed', async () => {
      const order = await createOrder();
      const pi = await authorize(order.id);
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(3000), final: false }).expect(200);
      await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(auth).send({ reduce_order: true }).expect(200);
      const after = await getOrder(order.id);
      expect(after.amounts).toMatchObject({ paid_money: usd(3000), reduced_money: usd(7000), outstanding_money: usd(0) });
      expect(after.payment_status).toBe('paid');
      expect((await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(auth).send({}).expect(409)).body.error.code).toBe('CANCEL_AFTER_CAPTURE');
    });
  });

  describe('5. a refused create+confirm names nothing that does not exist', () => {
    it.each([
      ['without a payment method', (orderId: string) => ({ order_id: orderId, confirm: true, capture_method: 'automatic' })],
      ['standalone, without a payment method', () => ({ amount_money: usd(500), confirm: true, capture_method: 'automatic' })],
    ])('%s: 422, and every pi_/ord_ id in the answer exists', async (_name, body) => {
      const order = await createOrder();
      const res = await t.http.post('/v1/payment-intents').set(auth).send(body(order.id)).expect(422);
      expect(res.body.error.code).toBe('PAYMENT_METHOD_REQUIRED');
      for (const id of JSON.stringify(res.body).match(/\b(pi|ord)_[A-Za-z0-9]+/g) ?? []) {
        await t.http.get(id.startsWith('pi_') ? `/v1/payment-intents/${id}` : `/v1/orders/${id}`).set(auth).expect(200);
      }
      expect(res.body.error.message).toContain('the new payment intent');
    });
  });

  describe('one money shape (issue 8.1): every money input is an { amount, currency } object in the order\'s currency', () => {
    it.each(['capture', 'refund', 'order manual payment', 'manual refund', 'intent'])('%s: EUR on a USD order → 422 CURRENCY_MISMATCH at amount_money.currency; a bare amount → 400 UNKNOWN_FIELD; nothing written', async (route) => {
      const order = await createOrder();
      // Half authorized (20.00 of it captured), 10.00 received in cash: every route has something to act on.
      const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, amount_money: usd(5000), capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(2000), final: false }).expect(200);
      await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ amount_money: usd(1000), method: 'cash', received_at: '2026-11-30' }).expect(201);
      const send = (money: object) => {
        switch (route) {
          case 'capture':
            return t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ ...money, final: false });
          case 'refund':
            return t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: pi.id, ...money });
          case 'order manual payment':
            return t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ ...money, method: 'cash', received_at: '2026-11-30' });
          case 'manual refund':
            return t.http.post(`/v1/orders/${order.id}/manual-refunds`).set(auth).send({ ...money, method: 'cash', refunded_at: '2026-11-30' });
          default:
            return t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, ...money, capture_method: 'automatic' });
        }
      };
      const before = eventCount(t.db);
      const mismatch = await send({ amount_money: { amount: 100, currency: 'EUR' } }).expect(422);
      expect(mismatch.body.error).toMatchObject({ code: 'CURRENCY_MISMATCH', field: 'amount_money.currency' });
      const bare = await send({ amount: 100 }).expect(400);
      expect(bare.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'amount' });
      expect(eventCount(t.db)).toBe(before);
      await send({ amount_money: usd(100) }).expect((res) => expect(res.status).toBeLessThan(300));
    });
  });

  describe('retries after a failure in the middle of a request (review findings)', () => {
    /** Makes the sandbox's nth call of `method` (1-based) fail as if the network dropped, once. */
    function failOnce(method: 'refund' | 'authorize', nth: number) {
      const processor = t.app.get(PaymentProcessors).require('test') as PaymentProcessor;
      const original = processor[method].bind(processor) as (r: never) => Promise<unknown>;
      let calls = 0;
      return jest.spyOn(processor, method).mockImplementation(((request: never) => {
        calls++;
        if (calls === nth) return Promise.reject(new Error('socket hang up'));
        return original(request);
      }) as never);
    }

    it('a refund spread over two payments whose second part failed in flight is finished by the retry with the same key: both parts recorded, once each', async () => {
      const order = await createOrder();
      const pay = async () =>
        (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, amount_money: usd(5000), capture_method: 'automatic', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      await pay();
      await pay();
      const spy = failOnce('refund', 2);
      try {
        const key = `spread-retry-${order.id}`;
        const first = await t.http.post('/v1/refunds').set(auth).set('Idempotency-Key', key).send({ order_id: order.id, amount_money: usd(8000) });
        expect(first.status).toBeGreaterThanOrEqual(500);
        const retry = await t.http.post('/v1/refunds').set(auth).set('Idempotency-Key', key).send({ order_id: order.id, amount_money: usd(8000) }).expect(201);
        expect(retry.body.data).toMatchObject({ status: 'succeeded', amount_money: usd(8000) });
        expect(retry.body.data.payments.map((p: { status: string }) => p.status)).toEqual(['succeeded', 'succeeded']);
        expect((await getOrder(order.id)).amounts.refunded_money).toEqual(usd(8000));
        const outcomes = t.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'RefundSucceeded' AND json_extract(data, '$.refund_id') = ?").get(retry.body.data.id) as { n: number };
        expect(outcomes.n).toBe(2);
      } finally {
        spy.mockRestore();
      }
    });

    it('a payment sent with If-Match whose processor call failed in flight is finished by the retry with the same key (not a 412)', async () => {
      const order = await createOrder();
      const etag = (await t.http.get(`/v1/orders/${order.id}`).set(auth).expect(200)).headers.etag;
      const spy = failOnce('authorize', 1);
      try {
        const key = `ifmatch-retry-${order.id}`;
        const first = await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).set('Idempotency-Key', key).set('If-Match', etag).send({ payment_method: { token: 'tok_visa' } });
        expect(first.status).toBeGreaterThanOrEqual(500);
        const retry = await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).set('Idempotency-Key', key).set('If-Match', etag).send({ payment_method: { token: 'tok_visa' } }).expect(200);
        expect(retry.body.data.status).toBe('succeeded');
        expect((await getOrder(order.id)).payment_status).toBe('paid');
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('writing off what a closed order owes again (the new command shown for issue 16)', () => {
    it('a check that bounced after closing is written off as bad debt; again → 422; on an open order → 409 ORDER_OPEN', async () => {
      const order = await createOrder();
      const check = (await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ amount_money: usd(10000), method: 'check', received_at: '2026-11-30' }).expect(201)).body.data;
      expect((await t.http.post(`/v1/orders/${order.id}/write-off`).set(auth).expect(409)).body.error.code).toBe('ORDER_OPEN');
      await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200);
      await t.http.post(`/v1/orders/${order.id}/manual-payments/${check.id}/reverse`).set(auth).send({ reason: 'check bounced' }).expect(200);
      expect((await getOrder(order.id)).amounts.outstanding_money).toEqual(usd(10000));
      const written = (await t.http.post(`/v1/orders/${order.id}/write-off`).set(auth).expect(200)).body.data;
      expect(written.amounts).toMatchObject({ written_off_money: usd(10000), outstanding_money: usd(0), paid_money: usd(0) });
      expect(written.payment_status).toBe('unpaid');
      expect((await t.http.post(`/v1/orders/${order.id}/write-off`).set(auth).expect(422)).body.error.code).toBe('NOTHING_OUTSTANDING');
      // No more offline money is taken for it.
      expect((await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ amount_money: usd(100), method: 'cash', received_at: '2026-11-30' }).expect(409)).body.error.code).toBe('ORDER_CLOSED');
      expect(await timelineTypes(order.id)).toContain('OrderBalanceWrittenOff');
    });
  });
});
