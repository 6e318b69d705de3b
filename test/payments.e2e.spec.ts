import { givenCustomers } from './support/customers.js';
import type { SandboxProcessor } from '#ordo/processor';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { invoke } from '../apps/api/src/payments/application/processor-call.js';
import { AuthorizationExpiry } from '../apps/api/src/payments/application/authorization-expiry.js';
import { MovableClock } from './support/movable-clock.js';
import { PaymentRecovery } from '../apps/api/src/payments/application/payment-recovery.js';
import { PaymentSteps } from '../apps/api/src/payments/application/payment-steps.js';
import { OrderCommands } from '../apps/api/src/orders/application/order-commands.js';
import { PaymentProcessors } from '../apps/api/src/payments/processor/payment-processors.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('Payment intents and refunds (e2e, real SQLite file, sandbox processor)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let sandbox: SandboxProcessor;

  beforeAll(async () => {
    t = await startTestApp();
    await givenCustomers(t, ['cus_0000000000000000filter01']);
    auth = bearer(t.keys.aTest);
    sandbox = t.app.get(PaymentProcessors).require('test') as SandboxProcessor;
  });
  afterAll(() => t.close());

  /** 100.00: two lines, 60.00 and 40.00. */
  const createOrder = async () =>
    (
      await t.http
        .post('/v1/orders')
        .set(auth)
        .send({
          currency: 'USD',
          line_items: [
            { name: 'Jacket', quantity: 1, unit_price_money: usd(6000) },
            { name: 'Scarf', quantity: 2, unit_price_money: usd(2000) },
          ],
        })
        .expect(201)
    ).body.data;
  const getOrder = async (id: string) => (await t.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.data;

  it('(a) manual: authorizes 100.00, captures 40.00 as final, releases the rest; the order is partially paid', async () => {
    const order = await createOrder();
    const pi = (
      await t.http
        .post('/v1/payment-intents')
        .set(auth)
        .send({ order_id: order.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true })
        .expect(201)
    ).body.data;
    expect(pi).toMatchObject({ status: 'requires_capture', authorized_money: usd(10000), capturable_money: usd(10000), captured_money: usd(0) });
    expect(pi.payment_method).toEqual({ type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 }, saved_payment_method_id: null });
    expect(JSON.stringify(pi)).not.toContain('tok_visa');

    const captured = (await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(4000), final: true }).expect(200)).body.data;
    expect(captured).toMatchObject({ status: 'succeeded', captured_money: usd(4000), released_money: usd(6000), capturable_money: usd(0) });

    const after = await getOrder(order.id);
    expect(after.payment_status).toBe('partially_paid');
    expect(after.amounts).toMatchObject({ paid_money: usd(4000), outstanding_money: usd(6000) });
    const timeline = (await t.http.get(`/v1/orders/${order.id}/timeline`).set(auth).expect(200)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['PaymentAuthorized', 'PaymentCaptured', 'PaymentAuthorizationReleased']));
    expect(timeline.indexOf('PaymentAuthorized')).toBeLessThan(timeline.indexOf('PaymentCaptured'));
    expect(timeline.indexOf('PaymentCaptured')).toBeLessThan(timeline.indexOf('PaymentAuthorizationReleased'));
  });

  it('refuses a capture above what is capturable (422 CAPTURE_EXCEEDS_CAPTURABLE)', async () => {
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 5000, currency: 'USD' }, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const res = await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({ amount_money: usd(5001)}).expect(422);
    expect(res.body.error.code).toBe('CAPTURE_EXCEEDS_CAPTURABLE');
  });

  it('(b) automatic: refunds one line item, then the rest; the order ends refunded with net_paid 0', async () => {
    const order = await createOrder();
    const pi = (await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).send({ payment_method: { token: 'tok_mastercard' } }).expect(200)).body.data;
    expect(pi).toMatchObject({ status: 'succeeded', captured_money: usd(10000), order_id: order.id });
    expect((await getOrder(order.id)).payment_status).toBe('paid');

    const jacket = order.line_items[0].id;
    const first = (await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, line_items: [{ line_item_id: jacket, quantity: 1 }], reason: 'requested_by_customer' }).expect(201)).body.data;
    expect(first).toMatchObject({ status: 'succeeded', amount_money: usd(6000), payment_intent_id: pi.id });
    expect((await getOrder(order.id)).refund_status).toBe('partially_refunded');

    const rest = (await t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: pi.id }).expect(201)).body.data;
    expect(rest).toMatchObject({ status: 'succeeded', amount_money: usd(4000) });
    const after = await getOrder(order.id);
    expect(after.refund_status).toBe('refunded');
    expect(after.amounts.net_paid_money).toEqual(usd(0));
    expect((await t.http.get(`/v1/refunds/${rest.id}`).set(auth).expect(200)).body.data).toEqual(rest);
    const listed = (await t.http.get(`/v1/refunds?order_id=${order.id}`).set(auth).expect(200)).body.data;
    expect(listed.map((r: { id: string }) => r.id).sort()).toEqual([first.id, rest.id].sort());

    const over = await t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: pi.id, amount_money: usd(1)}).expect(422);
    expect(over.body.error.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
  });

  it('create with confirm is all or nothing: a refused confirmation leaves no intent behind', async () => {
    const order = await createOrder();
    await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(200);
    const before = (await t.http.get(`/v1/payment-intents?order_id=${order.id}`).set(auth).expect(200)).body.data;
    const res = await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, payment_method: { token: 'tok_visa' }, confirm: true }).expect(422);
    expect(res.body.error.code).toBe('NOTHING_OUTSTANDING');
    expect((await t.http.get(`/v1/payment-intents?order_id=${order.id}`).set(auth).expect(200)).body.data).toEqual(before);
  });

  it("lists intents and refunds by customer (the intent's own, else its order's) and refuses an unknown status", async () => {
    const customer = 'cus_0000000000000000filter01';
    const order = (
      await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', customer_id: customer, line_items: [{ name: 'Mug', quantity: 1, unit_price_money: usd(1500) }] }).expect(201)
    ).body.data;
    const viaOrder = (await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(200)).body.data;
    const own = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 900, currency: 'USD' }, customer_id: customer, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 800, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201);
    const refund = (await t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: own.id, amount_money: usd(100)}).expect(201)).body.data;

    const intents = (await t.http.get(`/v1/payment-intents?customer_id=${customer}`).set(auth).expect(200)).body.data.map((pi: { id: string }) => pi.id);
    expect(intents.sort()).toEqual([viaOrder.id, own.id].sort());
    const refunds = (await t.http.get(`/v1/refunds?customer_id=${customer}`).set(auth).expect(200)).body.data.map((r: { id: string }) => r.id);
    expect(refunds).toEqual([refund.id]);
    expect((await t.http.get(`/v1/payment-intents?customer_id=${customer}`).set(bearer(t.keys.bTest)).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/v1/payment-intents?status=paid').set(auth).expect(400)).body.error.code).toBe('INVALID_FIELD');
  });

  it('(c) 3-D Secure: requires_action, then complete-action approve → succeeded', async () => {
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 2500, currency: 'USD' }, payment_method: { token: 'tok_threeDSecureRequired' }, confirm: true }).expect(201)).body.data;
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action).toMatchObject({ type: 'authenticate_card' });
    const done = (await t.http.post(`/v1/payment-intents/${pi.id}/complete-action`).set(auth).send({ result: 'approve' }).expect(200)).body.data;
    expect(done).toMatchObject({ status: 'succeeded', captured_money: usd(2500), next_action: null });
  });

  it('(d) a decline, then another card on the same intent and order succeeds', async () => {
    const order = await createOrder();
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, payment_method: { token: 'tok_chargeDeclined' }, confirm: true }).expect(201)).body.data;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({ code: 'card_declined' });
    const ok = (await t.http.post(`/v1/payment-intents/${pi.id}/confirm`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(200)).body.data;
    expect(ok).toMatchObject({ status: 'succeeded', captured_money: usd(10000) });
    expect((await getOrder(order.id)).payment_status).toBe('paid');
    const listed = (await t.http.get(`/v1/payment-intents?order_id=${order.id}`).set(auth).expect(200)).body.data;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([pi.id]);
  });

  it('cancels a manual authorization (voided at the processor)', async () => {
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 3000, currency: 'USD' }, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const canceled = (await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(auth).send({ reason: 'requested_by_customer' }).expect(200)).body.data;
    expect(canceled).toMatchObject({ status: 'canceled', released_money: usd(3000), capturable_money: usd(0) });
  });

  it('answers 404 for another merchant’s intent and refund, like unknown ids', async () => {
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1000, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const refund = (await t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: pi.id, amount_money: usd(100)}).expect(201)).body.data;
    const other = bearer(t.keys.bTest);
    expect((await t.http.get(`/v1/payment-intents/${pi.id}`).set(other).expect(404)).body.error.code).toBe('PAYMENT_INTENT_NOT_FOUND');
    await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(other).send({}).expect(404);
    await t.http.post(`/v1/payment-intents/${pi.id}/cancel`).set(other).send({}).expect(404);
    await t.http.post('/v1/refunds').set(other).send({ payment_intent_id: pi.id }).expect(404);
    await t.http.post('/v1/refunds').set(other).send({ order_id: pi.order_id }).expect(404);
    await t.http.post(`/v1/orders/${pi.order_id}/pay`).set(other).send({ payment_method: { token: 'tok_visa' } }).expect(404);
    expect((await t.http.get(`/v1/refunds/${refund.id}`).set(other).expect(404)).body.error.code).toBe('REFUND_NOT_FOUND');
    expect((await t.http.get('/v1/payment-intents').set(other).expect(200)).body.data).toEqual([]);
    // Live mode has no processor: a clear refusal, nothing recorded.
    const live = await t.http.post('/v1/payment-intents').set(bearer(t.keys.aLive)).send({ amount_money: { amount: 1000, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(422);
    expect(live.body.error.code).toBe('PROCESSOR_NOT_CONFIGURED');
  });

  it('never accepts a card number, only tokens', async () => {
    const res = await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1000, currency: 'USD' }, payment_method: { token: '4242424242424242' } }).expect(400);
    expect(res.body.error.field).toBe('payment_method.token');
    await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1000, currency: 'USD' }, payment_method: { number: '4242424242424242' } }).expect(400);
  });

  it('a retried confirm with the same Idempotency-Key charges once', async () => {
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1500, currency: 'USD' }, payment_method: { token: 'tok_visa' } }).expect(201)).body.data;
    expect(pi.status).toBe('requires_confirmation');
    const key = { ...auth, 'Idempotency-Key': `confirm-${pi.id}` };
    const first = await t.http.post(`/v1/payment-intents/${pi.id}/confirm`).set(key).send({}).expect(200);
    const again = await t.http.post(`/v1/payment-intents/${pi.id}/confirm`).set(key).send({}).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect(sandbox.inspect.countCharges({ reference: pi.id })).toBe(1);
  });

  it('the recovery job records an outcome the app never recorded, and makes a call the processor never saw', async () => {
    const steps = t.app.get(PaymentSteps);
    const orders = t.app.get(OrderCommands);
    const ctx = { merchantId: t.merchants.a, mode: 'test' as const, requestId: 'req_recoverytest000000000000' };
    const startOne = async (attemptKey: string) => {
      const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1800, currency: 'USD' }, payment_method: { token: 'tok_visa' } }).expect(201)).body.data;
      // Step 1 only: the intent is recorded processing with its attempt key.
      const order = await orders.run(ctx, pi.order_id, { type: 'StartPaymentConfirmation', data: { order_id: pi.order_id, payment_intent_id: pi.id, attempt_key: attemptKey } });
      const intent = order.payment_intents.find((p) => p.id === pi.id)!;
      return { pi, call: steps.callForIntent(ctx, order, intent, (await orders.load(ctx, order.id)).events)! };
    };
    const answered = await startOne('att_recoveryAnswered000000001');
    await invoke(t.app.get(PaymentProcessors).require('test'), answered.call); // step 2, then "crash"
    const unseen = await startOne('att_recoveryUnseen00000000001');
    expect((await t.http.get(`/v1/payment-intents/${answered.pi.id}`).set(auth).expect(200)).body.data.status).toBe('processing');

    // Young attempts are left to the requests that started them.
    expect(await t.app.get(PaymentRecovery).recoverPending(60_000)).toBe(0);
    expect(await t.app.get(PaymentRecovery).recoverPending(0)).toBe(2);
    for (const { pi } of [answered, unseen]) {
      expect((await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data).toMatchObject({ status: 'succeeded', captured_money: usd(1800) });
      expect(sandbox.inspect.countCharges({ reference: pi.id })).toBe(1);
    }
    expect(await t.app.get(PaymentRecovery).recoverPending(0)).toBe(0);
    expect(sandbox.inspect.inconsistencies()).toEqual([]);
  });

  it('payment_intents and refunds: a rebuild from 0 and a replay of every event give identical tables', async () => {
    const dump = () => ['payment_intents', 'refunds'].map((table) => t.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all());
    const before = dump();
    expect(before[0]!.length).toBeGreaterThan(5);
    const runner = t.app.get(ProjectionRunner);
    await runner.rebuild();
    expect(dump()).toEqual(before);
    await runner.rewind(0n);
    await runner.catchUp();
    expect(dump()).toEqual(before);
  });
});

describe('Concurrent refunds (e2e)', () => {
  let t: TestApp;
  // Enough re-runs that every request reaches a decision instead of ORDER_CONFLICT.
  beforeAll(async () => {
    t = await startTestApp({ commandRetries: 40 });
    await givenCustomers(t, ['cus_0000000000000000filter01']);
  });
  afterAll(() => t.close());

  it('20 concurrent refunds of 10.00 against a 100.00 payment: exactly 10 succeed, the rest REFUND_EXCEEDS_REFUNDABLE', async () => {
    const auth = bearer(t.keys.aTest);
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 10000, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.http.post('/v1/refunds').set(auth).send({ payment_intent_id: pi.id, amount_money: usd(1000)})));
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(10);
    for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.body.error.code]).toEqual([422, 'REFUND_EXCEEDS_REFUNDABLE']);
    for (const a of ok) expect(a.body.data.status).toBe('succeeded');
    const sandbox = t.app.get(PaymentProcessors).require('test') as SandboxProcessor;
    expect(sandbox.inspect.totals().refunded).toBe(10000);
    expect((await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data.refunded_money).toEqual(usd(10000));
  });
});


describe('Authorization expiry (e2e, injected clock)', () => {
  let t: TestApp;
  const clock = new MovableClock();
  beforeAll(async () => {
    t = await startTestApp({}, clock);
    await givenCustomers(t, ['cus_0000000000000000filter01']);
  });
  afterAll(() => t.close());

  it('voids a hold 7 days after authorization: released at the processor, expired, in the timeline', async () => {
    const auth = bearer(t.keys.aTest);
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 7000, currency: 'USD' }, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const expiry = t.app.get(AuthorizationExpiry);
    clock.offsetMs = 7 * 24 * 3600 * 1000 - 60_000;
    expect(await expiry.expireDue()).toBe(0);
    clock.offsetMs = 7 * 24 * 3600 * 1000 + 1000;
    expect(await expiry.expireDue()).toBe(1);
    const after = (await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data;
    expect(after).toMatchObject({ status: 'expired', released_money: usd(7000), capturable_money: usd(0) });
    const sandbox = t.app.get(PaymentProcessors).require('test') as SandboxProcessor;
    expect(sandbox.inspect.authorizationsFor(pi.id)[0]).toMatchObject({ status: 'voided' });
    const timeline = (await t.http.get(`/v1/orders/${pi.order_id}/timeline`).set(auth).expect(200)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['PaymentVoidStarted', 'PaymentAuthorizationReleased', 'PaymentAuthorizationExpired']));
    const late = await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).send({}).expect(409);
    expect(late.body.error.code).toBe('AUTHORIZATION_EXPIRED');
  });

  it('cancels a 3-D Secure challenge left unanswered for 24 hours (abandoned), freeing the balance', async () => {
    const auth = bearer(t.keys.aTest);
    clock.offsetMs = 0;
    const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 3000, currency: 'USD' }, payment_method: { token: 'tok_threeDSecureRequired' }, confirm: true }).expect(201)).body.data;
    expect(pi.status).toBe('requires_action');
    const expiry = t.app.get(AuthorizationExpiry);
    clock.offsetMs = 24 * 3600 * 1000 - 60_000;
    await expiry.expireDue();
    expect((await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data.status).toBe('requires_action');
    clock.offsetMs = 24 * 3600 * 1000 + 1000;
    await expiry.expireDue();
    expect((await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const again = await t.http.post(`/v1/orders/${pi.order_id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(200);
    expect(again.body.data).toMatchObject({ status: 'succeeded', captured_money: usd(3000) });
  });
});
