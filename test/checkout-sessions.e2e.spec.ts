import { CheckoutExpiry } from '../apps/api/src/checkout/application/checkout-expiry.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Checkout sessions through the API and their pages over plain HTTP (the browser suite drives the
 * same pages in Chromium): one collector at a time, the compare-and-swap replace, re-pricing,
 * expiry by the injected clock, refusals that write nothing, tenancy.
 */
describe.each(['express', 'fastify'] as const)('checkout sessions (%s)', (adapter) => {
  let t: TestApp;
  const clock = new MovableClock();
  const auth = () => bearer(t.keys.aTest);
  const urls = { success_url: 'https://shop.example/thanks', cancel_url: 'https://shop.example/cart' };

  beforeAll(async () => {
    t = await startTestApp({ httpAdapter: adapter, apiReference: false, checkoutExpiryMs: 0 }, clock);
    // Fastify routes only once ready (as in test/adapters).
    if (adapter === 'fastify') await (t.app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  });
  afterAll(() => t.close());

  const order = async (amount = 4000) =>
    (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(amount) }] }).expect(201)).body.data;
  const open = (orderId: string, extra: Record<string, unknown> = {}) => t.http.post('/v1/checkout-sessions').set(auth()).send({ order_id: orderId, ...urls, ...extra });
  const pagePath = (session: { url: string }) => new URL(session.url).pathname;

  it('opens a session on an order; its amount due follows the order (re-priced, not frozen)', async () => {
    const o = await order();
    const session = (await open(o.id).expect(201)).body.data;
    expect(session).toMatchObject({ object: 'checkout_session', status: 'open', order_id: o.id, amount_due_money: usd(4000), url: expect.stringMatching(/\/checkout\/cst_/) });
    await t.http.post(`/v1/orders/${o.id}/line-items`).set(auth()).send({ name: 'Bulb', quantity: 2, unit_price_money: usd(250) }).expect(200);
    expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(auth()).expect(200)).body.data.amount_due_money).toEqual(usd(4500));
    const page = await t.http.get(pagePath(session)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('$45.00');
    expect(page.text).not.toContain('ordo_test_');
    // A partial wire re-prices it too; paying the rest by wire closes it as order_paid.
    await t.http.post(`/v1/orders/${o.id}/manual-payments`).set(auth()).send({ amount_money: usd(500), method: 'wire', received_at: '2026-12-01' }).expect(201);
    expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(auth())).body.data).toMatchObject({ status: 'open', amount_due_money: usd(4000) });
    await t.http.post(`/v1/orders/${o.id}/manual-payments`).set(auth()).send({ amount_money: usd(4000), method: 'check', received_at: '2026-12-01' }).expect(201);
    expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(auth())).body.data).toMatchObject({ status: 'closed', close_reason: 'order_paid', amount_due_money: usd(0) });
    expect((await t.http.get(pagePath(session)).expect(410)).text).toContain('This order has been paid');
  });

  it('one collector at a time: a second session is refused, an explicit replace swaps, an invoice waits', async () => {
    const o = await order();
    await t.http.patch(`/v1/orders/${o.id}`).set(auth()).send({ customer_id: (await t.http.post('/v1/customers').set(auth()).send({ name: 'Kit' })).body.data.id }).expect(200);
    const first = (await open(o.id).expect(201)).body.data;
    expect((await open(o.id).expect(409)).body.error.code).toBe('ORDER_HELD_BY_CHECKOUT');
    expect((await t.http.post('/v1/invoices').set(auth()).send({ order_id: o.id }).expect(409)).body.error.code).toBe('ORDER_HELD_BY_CHECKOUT');
    expect((await open(o.id, { replace_checkout_session_id: 'cs_000000000000000000000000' }).expect(409)).body.error.code).toBe('CHECKOUT_SESSION_REPLACE_MISMATCH');
    const second = (await open(o.id, { replace_checkout_session_id: first.id }).expect(201)).body.data;
    expect((await t.http.get(`/v1/checkout-sessions/${first.id}`).set(auth())).body.data).toMatchObject({ status: 'closed', close_reason: 'replaced' });
    expect((await t.http.get(`/v1/checkout-sessions?order_id=${o.id}`).set(auth())).body.data.map((s: { id: string }) => s.id)).toEqual([second.id, first.id]);
    await t.http.post(`/v1/checkout-sessions/${second.id}/close`).set(auth()).expect(200);
    await t.http.post(`/v1/checkout-sessions/${second.id}/close`).set(auth()).expect(200);
    await t.http.post('/v1/invoices').set(auth()).send({ order_id: o.id }).expect(201);
    const timeline = (await t.http.get(`/v1/orders/${o.id}/timeline?type=checkout`).set(auth()).expect(200)).body.data.map((e: { summary: string }) => e.summary);
    expect(timeline).toEqual([expect.stringContaining('opened'), expect.stringContaining('replaced by a new session'), expect.stringContaining('opened'), expect.stringContaining('closed by the merchant')]);
  });

  it('quick pay: a new order with its session in one append', async () => {
    const res = await t.http.post('/v1/checkout-sessions').set(auth()).send({ line_items: [{ name: 'Ticket', quantity: 3, unit_price_money: usd(1200) }], metadata: { show: 'late' }, ...urls }).expect(201);
    const o = (await t.http.get(`/v1/orders/${res.body.data.order_id}`).set(auth()).expect(200)).body.data;
    expect(o).toMatchObject({ metadata: { show: 'late' }, amounts: expect.objectContaining({ total_money: usd(3600) }) });
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const o = await order();
    const before = eventCount(t.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...urls }, 400, 'MISSING_FIELD'],
      [{ order_id: o.id, line_items: [{ name: 'x', unit_price_money: usd(1) }], ...urls }, 400, 'INVALID_FIELD'],
      [{ order_id: o.id, success_url: 'javascript:alert(1)', cancel_url: urls.cancel_url }, 400, 'INVALID_REDIRECT_URL'],
      [{ order_id: o.id, ...urls, expires_at: new Date(clock.now().getTime() + 60_000).toISOString() }, 400, 'INVALID_EXPIRES_AT'],
      [{ order_id: o.id, ...urls, allow_save_card: true }, 422, 'CUSTOMER_REQUIRED'],
      [{ line_items: [{ name: 'x', unit_price_money: usd(100) }, { name: 'y', unit_price_money: { amount: 100, currency: 'EUR' } }], ...urls }, 422, 'CURRENCY_MISMATCH'],
      [{ order_id: 'ord_000000000000000000nothere', ...urls }, 404, 'ORDER_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.http.post('/v1/checkout-sessions').set(auth()).send(body);
      expect([code, res.status, res.body.error?.code]).toEqual([code, status, code]);
    }
    expect(eventCount(t.db)).toBe(before);
  });

  it('expires by the clock: the page says so at once and takes no payment; the job records it and frees the order', async () => {
    const o = await order(2000);
    const session = (await open(o.id, { expires_at: new Date(clock.now().getTime() + 31 * 60_000).toISOString() }).expect(201)).body.data;
    const page = await t.http.get(pagePath(session)).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
    clock.offsetMs += 32 * 60_000;
    expect((await t.http.get(pagePath(session)).expect(410)).text).toContain('This checkout has expired');
    const post = await t.http.post(`${pagePath(session)}/pay`).type('form').send({ csrf, expected_amount: '2000', card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123' });
    expect(post.status).toBe(409);
    expect(post.text).toContain('This checkout has expired');
    expect((await t.http.get(`/v1/payment-intents?order_id=${o.id}`).set(auth())).body.data).toEqual([]);
    expect(await t.app.get(CheckoutExpiry).expireDue()).toBeGreaterThanOrEqual(1);
    expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(auth())).body.data).toMatchObject({ status: 'expired', ended_at: expect.any(String) });
    await open(o.id).expect(201);
  });

  it('pays through the page over plain HTTP (a form post), and refuses a forged or token-less post', async () => {
    const o = await order(1500);
    const session = (await open(o.id).expect(201)).body.data;
    const page = await t.http.get(pagePath(session)).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const form = { expected_amount: '1500', card_number: '4242 4242 4242 4242', exp_month: '12', exp_year: '2030', cvc: '123' };
    await t.http.post(`${pagePath(session)}/pay`).type('form').send(form).expect(403);
    await t.http.post(`${pagePath(session)}/pay`).type('form').set('Origin', 'https://evil.example').send({ ...form, csrf }).expect(403);
    const paid = await t.http.post(`${pagePath(session)}/pay`).type('form').send({ ...form, csrf }).expect(303);
    expect(paid.headers.location).toBe('https://shop.example/thanks');
    expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(auth())).body.data).toMatchObject({ status: 'completed', amount_due_money: usd(1500) });
    expect((await t.http.get(`/v1/orders/${o.id}`).set(auth())).body.data.payment_status).toBe('paid');
    const summaries = (await t.http.get(`/v1/orders/${o.id}/timeline`).set(auth())).body.data.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringContaining(`on hosted checkout ${session.id}`), expect.stringMatching(/^Hosted checkout cs_\w+ completed: USD 15\.00 paid by payment pi_/)]));
  });

  it('"save my card" on a known customer\'s checkout saves the card for later off-session charges', async () => {
    const customer = (await t.http.post('/v1/customers').set(auth()).send({ name: 'Saver' }).expect(201)).body.data;
    const o = (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', customer_id: customer.id, line_items: [{ name: 'Plant', quantity: 1, unit_price_money: usd(1800) }] }).expect(201)).body.data;
    const session = (await open(o.id, { allow_save_card: true }).expect(201)).body.data;
    const page = await t.http.get(pagePath(session)).expect(200);
    expect(page.text).toContain('Save my card for future payments');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
    await t.http.post(`${pagePath(session)}/pay`).type('form').send({ csrf, expected_amount: '1800', card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123', save_card: 'yes' }).expect(303);
    const methods = (await t.http.get(`/v1/customers/${customer.id}/payment-methods`).set(auth()).expect(200)).body.data;
    expect(methods).toEqual([expect.objectContaining({ card: expect.objectContaining({ last4: '4242' }), usage: 'off_session' })]);
    // Without the box ticked nothing is saved.
    const other = (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', customer_id: customer.id, line_items: [{ name: 'Pot', quantity: 1, unit_price_money: usd(700) }] }).expect(201)).body.data;
    const second = (await open(other.id, { allow_save_card: true }).expect(201)).body.data;
    const csrf2 = /name="csrf" value="([^"]+)"/.exec((await t.http.get(pagePath(second))).text)![1]!;
    await t.http.post(`${pagePath(second)}/pay`).type('form').send({ csrf: csrf2, expected_amount: '700', card_number: '5555555555554444', exp_month: '12', exp_year: '2030', cvc: '123' }).expect(303);
    expect((await t.http.get(`/v1/customers/${customer.id}/payment-methods`).set(auth())).body.data).toHaveLength(1);
  });

  it("another merchant's (or the other mode's) session is 404", async () => {
    const o = await order();
    const session = (await open(o.id).expect(201)).body.data;
    for (const key of [t.keys.bTest, t.keys.aLive]) {
      expect((await t.http.get(`/v1/checkout-sessions/${session.id}`).set(bearer(key)).expect(404)).body.error.code).toBe('CHECKOUT_SESSION_NOT_FOUND');
      await t.http.post(`/v1/checkout-sessions/${session.id}/close`).set(bearer(key)).expect(404);
      expect((await t.http.get('/v1/checkout-sessions').set(bearer(key)).expect(200)).body.data.map((s: { id: string }) => s.id)).not.toContain(session.id);
    }
    await t.http.post('/v1/checkout-sessions').set(bearer(t.keys.bTest)).send({ order_id: o.id, ...urls }).expect(404);
  });
});
