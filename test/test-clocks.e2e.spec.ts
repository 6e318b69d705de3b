import { createCustomer } from './support/customers.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('a test clock drives its customers’ due dates, reminders and authorization expiry (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ subscriptionSchedulerMs: 0, invoiceSchedulerMs: 0 });
  });
  afterAll(() => t.close());

  it('dates their facts at the clock’s time and, when it advances, marks invoices overdue, reminds and expires holds — others stay on the real clock', async () => {
    const a = bearer(t.keys.aTest);
    const post = async (url: string, body: object = {}, status = 200) => {
      const res = await t.http.post(url).set(a).send(body);
      expect([url, res.status, res.body.error]).toEqual([url, status, undefined]);
      return res.body.data;
    };
    const clock = (await post('/v1/test-clocks', { frozen_time: '2030-05-01T00:00:00Z' }, 201)).id as string;
    const onClock = await createCustomer(t, t.keys.aTest, { name: 'On the clock', test_clock_id: clock });
    const onRealTime = await createCustomer(t, t.keys.aTest, { name: 'Real time' });
    const order = (customer: string) => post('/v1/orders', { currency: 'USD', customer_id: customer, line_items: [{ name: 'Work', quantity: 1, unit_price_money: usd(5000) }] }, 201);

    const billed = await order(onClock);
    expect(billed.created_at).toBe('2030-05-01T00:00:00.000Z');
    const invoice = await post('/v1/invoices', { order_id: billed.id, days_until_due: 7 }, 201);
    expect((await post(`/v1/invoices/${invoice.id}/issue`)).due_at).toBe('2030-05-08T00:00:00.000Z');
    const held = await order(onClock);
    const hold = await post('/v1/payment-intents', { order_id: held.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }, 201);
    expect(hold).toMatchObject({ status: 'requires_capture', expires_at: '2030-05-08T00:00:00.000Z' });

    // The same on the real clock: due and expiring in a week from today.
    const realInvoice = await post('/v1/invoices', { order_id: (await order(onRealTime)).id, days_until_due: 7 }, 201);
    await post(`/v1/invoices/${realInvoice.id}/issue`);
    const realHold = await post('/v1/payment-intents', { order_id: (await order(onRealTime)).id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }, 201);

    await post(`/v1/test-clocks/${clock}/advance`, { frozen_time: '2030-05-20T00:00:00Z' });
    const overdue = (await t.http.get(`/v1/invoices/${invoice.id}`).set(a).expect(200)).body.data;
    expect(overdue).toMatchObject({ overdue: true, overdue_at: '2030-05-20T00:00:00.000Z' });
    expect(overdue.reminders.length).toBeGreaterThan(0);
    expect((await t.http.get(`/v1/payment-intents/${hold.id}`).set(a).expect(200)).body.data.status).toBe('expired');

    expect((await t.http.get(`/v1/invoices/${realInvoice.id}`).set(a).expect(200)).body.data).toMatchObject({ overdue: false, reminders: [] });
    expect((await t.http.get(`/v1/payment-intents/${realHold.id}`).set(a).expect(200)).body.data.status).toBe('requires_capture');
  });
});
