import { createCustomer, saveCard } from './customers.js';
import { invoicePaidByBouncedCheckThenWire } from './invoice-flows.js';
import { bearer, usd, type ApiClient, type TestApp } from './test-app.js';

/**
 * One of everything a merchant does, so every read model gets rows: a webhook endpoint, orders
 * paid by card (authorized, captured in part, refunded), in two currencies and two merchants, an
 * invoice paid by a bounced check then a wire, cash on an order then closed, a customer with a
 * saved card on a test clock with a plan, a subscription renewed and canceled, a checkout session
 * paid on its page and a payment link. Answers nothing: callers compare what it left behind.
 */
export async function runMixedFlow(t: ApiClient): Promise<void> {
  const auth = bearer(t.keys.aTest);
  const post = async (url: string, body: object = {}, status = 200, key = auth) => {
    const res = await t.http.post(url).set(key).send(body);
    if (res.status !== status) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const order = (money: { amount: number; currency: string }, key = auth, extra: object = {}) =>
    post('/v1/orders', { currency: money.currency, line_items: [{ name: 'Item', quantity: 1, unit_price_money: money }], ...extra }, 201, key);

  const endpoint = await post('/v1/webhook-endpoints', { url: 'https://hooks.example/ordo', enabled_events: ['order.created', 'payment_intent.succeeded'] }, 201);
  const patched = await t.http.patch(`/v1/webhook-endpoints/${endpoint.id}`).set(auth).send({ enabled_events: ['*'] });
  if (patched.status !== 200) throw new Error(`webhook endpoint not updated: ${patched.status} ${JSON.stringify(patched.body)}`);
  for (const [money, key] of [
    [usd(10_000), auth],
    [{ amount: 7_000, currency: 'EUR' }, auth],
    [usd(4_000), bearer(t.keys.bTest)],
  ] as const) {
    const o = await order(money, key);
    const pi = await post('/v1/payment-intents', { order_id: o.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }, 201, key);
    await post(`/v1/payment-intents/${pi.id}/capture`, { amount_money: { ...money, amount: money.amount - 1_000 } }, 200, key);
    await post('/v1/refunds', { payment_intent_id: pi.id, amount_money: { ...money, amount: 1_500 } }, 201, key);
  }
  await invoicePaidByBouncedCheckThenWire(t, 5_000, 12_000);
  const partly = await order(usd(3_000));
  await post(`/v1/orders/${partly.id}/manual-payments`, { amount_money: usd(1_000), method: 'cash', received_at: '2026-02-11' }, 201);
  await post(`/v1/orders/${partly.id}/close`, {});

  const clock = (await post('/v1/test-clocks', { frozen_time: '2030-05-01T00:00:00Z' }, 201)).id as string;
  const customer = await createCustomer(t, t.keys.aTest, { name: 'On the clock', email: 'clock@example.com', test_clock_id: clock });
  await saveCard(t, t.keys.aTest, customer);
  const plan = await post('/v1/plans', { name: 'Pro', currency: 'USD', interval: 'month', line_items: [{ name: 'Seat', quantity: 1, unit_price_money: usd(3_000) }] }, 201);
  const sub = await post('/v1/subscriptions', { customer_id: customer, plan_id: plan.id }, 201);
  await post(`/v1/test-clocks/${clock}/advance`, { frozen_time: '2030-06-05T00:00:00Z' });
  await post(`/v1/subscriptions/${sub.id}/cancel`, {});

  const urls = { success_url: 'https://shop.example/thanks', cancel_url: 'https://shop.example/cart' };
  const session = await post('/v1/checkout-sessions', { line_items: [{ name: 'Ticket', quantity: 2, unit_price_money: usd(1_200) }], ...urls }, 201);
  const page = new URL(session.url).pathname;
  const csrf = /name="csrf" value="([^"]+)"/.exec((await t.http.get(page)).text)![1]!;
  await t.http.post(`${page}/pay`).type('form').send({ csrf, expected_amount: '2400', card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123' }).expect(303);
  await post('/v1/payment-links', { currency: 'USD', line_items: [{ name: 'Poster', unit_price_money: usd(1_500), quantity: 1 }] }, 201);
}
