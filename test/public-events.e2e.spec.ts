import { CheckoutExpiry } from '../apps/api/src/checkout/application/checkout-expiry.js';
import { createCustomer, saveCard } from './support/customers.js';
import { invoicePaidByBouncedCheckThenWire } from './support/invoice-flows.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Which public events each user flow produces, read from the feed oldest first: the mapping from
 * domain facts to `object.verb` types integrators subscribe to, and the snapshot each carries.
 */
describe('public events of user flows', () => {
  let t: TestApp;
  const auth = () => bearer(t.keys.aTest);
  const clock = new MovableClock();

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false, checkoutExpiryMs: 0 }, clock);
  });
  afterAll(() => t.close());

  /** The feed for an object (an order's id includes what is in it), oldest first. */
  const feed = async (objectId: string) =>
    ((await t.http.get(`/v1/events?object_id=${objectId}&page_size=100`).set(auth()).expect(200)).body.data as { type: string; data: { object: Record<string, unknown> } }[]).reverse();
  const types = async (objectId: string) => (await feed(objectId)).map((e) => e.type);
  const order = async (amount = 10000) =>
    (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', line_items: [{ name: 'Jacket', quantity: 1, unit_price_money: usd(amount) }] }).expect(201)).body.data as { id: string };

  it('authorize, capture part, refund: intent, refund and order events in order', async () => {
    const o = await order();
    const pi = (await t.http.post('/v1/payment-intents').set(auth()).send({ order_id: o.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth()).send({ amount_money: usd(6000), final: true }).expect(200);
    await t.http.post('/v1/refunds').set(auth()).send({ payment_intent_id: pi.id, amount_money: usd(1000) }).expect(201);
    expect(await types(o.id)).toEqual([
      'order.created',
      'payment_intent.created',
      'payment_intent.requires_capture',
      'payment_intent.succeeded',
      'order.partially_paid',
      'refund.created',
      'refund.succeeded',
      'order.refunded',
    ]);
    const events = await feed(pi.id);
    expect(events.find((e) => e.type === 'payment_intent.requires_capture')!.data.object).toMatchObject({ id: pi.id, status: 'requires_capture', capturable_money: usd(10000) });
    expect(events.at(-1)!.data.object).toMatchObject({ status: 'succeeded', captured_money: usd(6000) });
  });

  it('a declined card is payment_intent.payment_failed; 3-D Secure is requires_action with the page to send the buyer to', async () => {
    const o = await order();
    await t.http.post(`/v1/orders/${o.id}/pay`).set(auth()).send({ payment_method: { token: 'tok_chargeDeclined' } }).expect(200);
    expect(await types(o.id)).toEqual(['order.created', 'payment_intent.created', 'payment_intent.payment_failed']);
    const o2 = await order();
    await t.http.post(`/v1/orders/${o2.id}/pay`).set(auth()).send({ payment_method: { token: 'tok_threeDSecureRequired' } }).expect(200);
    const action = (await feed(o2.id)).find((e) => e.type === 'payment_intent.requires_action')!;
    expect((action.data.object.next_action as { redirect_url: string }).redirect_url).toMatch(/\/authenticate\/pi_\w+\/[\w-]+$/);
  });

  it('an invoice paid by check, the check reversed, then paid by wire', async () => {
    const inv = await invoicePaidByBouncedCheckThenWire(t, 12000, 12000);
    expect(await types(inv.id)).toEqual([
      'invoice.created',
      'invoice.issued',
      'invoice.manual_payment_recorded',
      'invoice.paid',
      'invoice.manual_payment_reversed',
      'invoice.manual_payment_recorded',
      'invoice.paid',
    ]);
    const issued = (await feed(inv.id)).find((e) => e.type === 'invoice.issued')!;
    expect(issued.data.object).toMatchObject({ status: 'open', hosted_invoice_url: expect.stringMatching(/\/i\/\w+$/) });
    expect((await types(inv.order_id)).filter((x) => x.startsWith('order.'))).toEqual(['order.created', 'order.paid', 'order.paid']);
  });

  it('customers and saved cards', async () => {
    const customer = await createCustomer(t, t.keys.aTest);
    const pm = await saveCard(t, t.keys.aTest, customer);
    await t.http.patch(`/v1/customers/${customer}`).set(auth()).send({ name: 'Jane Q. Doe' }).expect(200);
    await t.http.post(`/v1/customers/${customer}/payment-methods/${pm}/remove`).set(auth()).expect(200);
    expect(await types(customer)).toEqual(['customer.created', 'customer.updated']);
    expect(await types(pm)).toEqual(['payment_method.saved', 'payment_method.removed']);
    const saved = (await feed(pm))[0]!.data.object;
    expect(saved).toMatchObject({ id: pm, card: { last4: '4242' } });
    expect(JSON.stringify(saved)).not.toContain('tok_visa');
  });

  it('a test clock: an invoice goes overdue, a hold expires, a subscription is created, renewed and canceled', async () => {
    const post = async (url: string, body: object = {}, status = 200) => {
      const res = await t.http.post(url).set(auth()).send(body);
      expect([url, res.status, res.body.error]).toEqual([url, status, undefined]);
      return res.body.data;
    };
    const clock = (await post('/v1/test-clocks', { frozen_time: '2030-05-01T00:00:00Z' }, 201)).id as string;
    const customer = await createCustomer(t, t.keys.aTest, { name: 'On the clock', test_clock_id: clock });
    await saveCard(t, t.keys.aTest, customer);
    const billed = await post('/v1/orders', { currency: 'USD', customer_id: customer, line_items: [{ name: 'Work', quantity: 1, unit_price_money: usd(5000) }] }, 201);
    const invoice = await post('/v1/invoices', { order_id: billed.id, days_until_due: 7 }, 201);
    await post(`/v1/invoices/${invoice.id}/issue`);
    const held = await post('/v1/orders', { currency: 'USD', customer_id: customer, line_items: [{ name: 'Deposit', quantity: 1, unit_price_money: usd(2000) }] }, 201);
    const hold = await post('/v1/payment-intents', { order_id: held.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }, 201);
    const plan = await post('/v1/plans', { name: 'Pro', currency: 'USD', interval: 'month', line_items: [{ name: 'Seat', quantity: 1, unit_price_money: usd(3000) }] }, 201);
    const sub = await post('/v1/subscriptions', { customer_id: customer, plan_id: plan.id }, 201);
    await post(`/v1/test-clocks/${clock}/advance`, { frozen_time: '2030-06-05T00:00:00Z' });
    // The billing process learns of the renewal's payment from the log, just after it is made.
    for (let i = 0; i < 200 && !(await types(sub.id)).includes('subscription.renewed'); i++) await new Promise((r) => setTimeout(r, 10));
    await post(`/v1/subscriptions/${sub.id}/cancel`, {});
    expect(await types(invoice.id)).toEqual(['invoice.created', 'invoice.issued', 'invoice.overdue']);
    const overdue = (await feed(invoice.id)).at(-1)!;
    expect(overdue.data.object).toMatchObject({ id: invoice.id, overdue: true });
    expect((await types(hold.id)).slice(-1)).toEqual(['payment_intent.expired']);
    expect(await types(sub.id)).toEqual(['subscription.created', 'subscription.renewed', 'subscription.canceled']);
    const events = (await t.http.get(`/v1/events?object_id=${invoice.id}`).set(auth()).expect(200)).body.data as { created_at: string; type: string }[];
    // Facts on a test clock are dated at the clock's time.
    expect(events.find((e) => e.type === 'invoice.overdue')!.created_at).toBe('2030-06-05T00:00:00.000Z');
  });

  it('hosted checkout: paid on the page is checkout_session.completed with the order paid; one left open expires; a closed one publishes nothing', async () => {
    const urls = { success_url: 'https://shop.example/thanks', cancel_url: 'https://shop.example/cart' };
    const o = await order(1500);
    const session = (await t.http.post('/v1/checkout-sessions').set(auth()).send({ order_id: o.id, ...urls }).expect(201)).body.data;
    const path = new URL(session.url).pathname;
    const csrf = /name="csrf" value="([^"]+)"/.exec((await t.http.get(path).expect(200)).text)![1]!;
    await t.http.post(`${path}/pay`).type('form').send({ csrf, expected_amount: '1500', card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123' }).expect(303);
    const all = await types(o.id);
    expect(all).toEqual(expect.arrayContaining(['checkout_session.completed', 'payment_intent.succeeded', 'order.paid']));
    expect(all.indexOf('order.paid')).toBeGreaterThan(all.indexOf('checkout_session.completed'));
    const completed = (await feed(session.id)).find((e) => e.type === 'checkout_session.completed')!;
    expect(completed.data.object).toMatchObject({ id: session.id, status: 'completed', url: session.url });

    const late = await order(900);
    const soon = new Date(clock.now().getTime() + 31 * 60_000).toISOString();
    const left = (await t.http.post('/v1/checkout-sessions').set(auth()).send({ order_id: late.id, ...urls, expires_at: soon }).expect(201)).body.data;
    expect(await types(left.id)).toEqual([]);
    clock.offsetMs += 32 * 60_000;
    expect(await t.app.get(CheckoutExpiry).expireDue()).toBeGreaterThanOrEqual(1);
    expect(await types(left.id)).toEqual(['checkout_session.expired']);
    const other = await order(700);
    const closed = (await t.http.post('/v1/checkout-sessions').set(auth()).send({ order_id: other.id, ...urls }).expect(201)).body.data;
    await t.http.post(`/v1/checkout-sessions/${closed.id}/close`).set(auth()).expect(200);
    expect(await types(closed.id)).toEqual([]);
  });
});
