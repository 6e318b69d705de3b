import { createCustomer, saveCard } from './support/customers.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('off-session charges of saved methods (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const a = () => bearer(t.keys.aTest);

  async function orderFor(customerId: string, amount = 5000) {
    const res = await t.http.post('/v1/orders').set(a()).send({ currency: 'USD', customer_id: customerId, line_items: [{ name: 'Plan', quantity: 1, unit_price_money: usd(amount) }] });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  it("charges the customer's default method with no buyer present, for a new order", async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    const pm = await saveCard(t, t.keys.aTest, customer);
    const res = await t.http.post('/v1/payment-intents').set(a()).send({ amount_money: usd(1999), customer_id: customer, off_session: true });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'succeeded', off_session: true, customer_id: customer, captured_money: usd(1999), payment_method: { saved_payment_method_id: pm, card: { last4: '4242' } } });
    const order = await t.http.get(`/v1/orders/${res.body.data.order_id}`).set(a());
    expect(order.body.data).toMatchObject({ payment_status: 'paid', customer_id: customer });
  });

  it('support-triggered: an existing order with an outstanding balance is paid off-session; the timeline keeps the context', async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    await saveCard(t, t.keys.aTest, customer, 'tok_mastercard');
    const order = await orderFor(customer, 8000);
    // Part was paid by check at the counter, the rest is collected from the saved card.
    const check = await t.http.post(`/v1/orders/${order}/manual-payments`).set(a()).send({ amount_money: usd(3000), method: 'check', received_at: '2026-01-02' });
    expect(check.status).toBe(201);
    const paid = await t.http.post(`/v1/orders/${order}/pay`).set(a()).send({ off_session: true });
    expect(paid.status).toBe(200);
    expect(paid.body.data).toMatchObject({ status: 'succeeded', off_session: true, captured_money: usd(5000) });
    const after = await t.http.get(`/v1/orders/${order}`).set(a());
    expect(after.body.data.payment_status).toBe('paid');
    const timeline = (await t.http.get(`/v1/orders/${order}/timeline`).set(a())).body.data as { type: string; summary: string }[];
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['ManualPaymentRecorded', 'PaymentIntentCreated', 'PaymentMethodAttached', 'PaymentCaptured']));
    expect(timeline.find((e) => e.type === 'PaymentIntentCreated')?.summary).toMatch(/off-session/i);
  });

  it('a card that needs authentication fails off-session with authentication_required; the balance stays collectible by a manual payment', async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    await saveCard(t, t.keys.aTest, customer, 'tok_authenticationRequiredOffSession');
    const order = await orderFor(customer);
    const res = await t.http.post(`/v1/orders/${order}/pay`).set(a()).send({ off_session: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'authentication_required' } });
    expect((await t.http.get(`/v1/orders/${order}`).set(a())).body.data.amounts.outstanding_money).toEqual(usd(5000));
    const wire = await t.http.post(`/v1/orders/${order}/manual-payments`).set(a()).send({ amount_money: usd(5000), method: 'wire', received_at: '2026-01-03' });
    expect(wire.status).toBe(201);
    expect((await t.http.get(`/v1/orders/${order}`).set(a())).body.data.payment_status).toBe('paid');
  });

  it('refuses removed, expired, on-session-only and missing methods with their codes, writing nothing', async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    const pm = await saveCard(t, t.keys.aTest, customer);
    const onSession = await saveCard(t, t.keys.aTest, customer, 'tok_amex', { usage: 'on_session' });
    await t.http.post(`/v1/customers/${customer}/payment-methods/${pm}/remove`).set(a());
    const order = await orderFor(customer);
    const before = eventCount(t.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ off_session: true }, 422, 'NO_DEFAULT_PAYMENT_METHOD'],
      [{ off_session: true, payment_method_id: pm }, 422, 'PAYMENT_METHOD_REMOVED'],
      [{ off_session: true, payment_method_id: onSession }, 422, 'PAYMENT_METHOD_NOT_OFF_SESSION'],
      [{ off_session: true, payment_method_id: 'pm_0000000000000000none' }, 404, 'PAYMENT_METHOD_NOT_FOUND'],
      [{ off_session: true, payment_method: { token: 'tok_visa' } }, 400, 'INVALID_FIELD'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.http.post(`/v1/orders/${order}/pay`).set(a()).send(body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    // An order without a customer has nobody's saved card to charge.
    const anonymous = await t.http.post('/v1/payment-intents').set(a()).send({ amount_money: usd(100), off_session: true });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([422, 'CUSTOMER_REQUIRED']);
    expect(eventCount(t.db)).toBe(before);
    // With the buyer present the on-session card can be charged by id.
    const present = await t.http.post(`/v1/orders/${order}/pay`).set(a()).send({ payment_method_id: onSession });
    expect(present.body.data).toMatchObject({ status: 'succeeded', off_session: false });
  });

  it('save_payment_method keeps the card of an on-session payment once it went through, for later off-session charges', async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    const order = await orderFor(customer, 2500);
    const paid = await t.http.post('/v1/payment-intents').set(a()).send({ order_id: order, payment_method: { token: 'tok_visa' }, confirm: true, save_payment_method: true });
    expect(paid.body.data.status).toBe('succeeded');
    const methods = (await t.http.get(`/v1/customers/${customer}/payment-methods`).set(a())).body.data;
    expect(methods).toEqual([expect.objectContaining({ usage: 'off_session', is_default: true, card: expect.objectContaining({ last4: '4242' }) })]);
    // A declined card is not saved.
    const other = await orderFor(customer, 1000);
    await t.http.post('/v1/payment-intents').set(a()).send({ order_id: other, payment_method: { token: 'tok_chargeDeclined' }, confirm: true, save_payment_method: true });
    expect((await t.http.get(`/v1/customers/${customer}/payment-methods`).set(a())).body.data).toHaveLength(1);
    const later = await t.http.post(`/v1/orders/${other}/pay`).set(a()).send({ off_session: true });
    expect(later.body.data.status).toBe('succeeded');
  });
});

describe('an expired saved card (HTTP, moving clock)', () => {
  it('is refused PAYMENT_METHOD_EXPIRED once its expiry month has passed, and shows as expired', async () => {
    const clock = new MovableClock();
    const t = await startTestApp({}, clock);
    try {
      const customer = await createCustomer(t, t.keys.aTest);
      const pm = await saveCard(t, t.keys.aTest, customer); // tok_visa expires 12/2040
      clock.offsetMs = Date.parse('2041-01-01T00:00:00Z') - Date.now();
      const res = await t.http.post('/v1/payment-intents').set(bearer(t.keys.aTest)).send({ amount_money: usd(100), customer_id: customer, off_session: true });
      expect([res.status, res.body.error.code]).toEqual([422, 'PAYMENT_METHOD_EXPIRED']);
      expect((await t.http.get(`/v1/customers/${customer}/payment-methods/${pm}`).set(bearer(t.keys.aTest))).body.data.status).toBe('expired');
    } finally {
      await t.close();
    }
  });
});
