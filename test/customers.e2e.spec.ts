import { createCustomer, saveCard } from './support/customers.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('customers and saved payment methods (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const a = () => bearer(t.keys.aTest);

  it('creates, reads, changes and lists customers; search by email (any case) and part of the name', async () => {
    const created = await t.http
      .post('/v1/customers')
      .set(a())
      .send({ name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+442071234567', address: { line1: '12 St James Sq', city: 'London', country: 'gb' }, metadata: { crm: 'x1' } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(created.body.data).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      object: 'customer',
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      address: { line1: '12 St James Sq', line2: null, city: 'London', state: null, postal_code: null, country: 'GB' },
      default_payment_method: null,
      receivables: { open_invoices: 0, by_currency: [] },
      version: 0,
    });
    const patched = await t.http.patch(`/v1/customers/${id}`).set(a()).send({ phone: null, name: 'Ada King' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Ada King', phone: null, version: 1 });
    await createCustomer(t, t.keys.aTest, { name: 'Charles Babbage', email: 'charles@example.com' });

    const byEmail = await t.http.get('/v1/customers?email=ada@EXAMPLE.com').set(a());
    expect(byEmail.body.data.map((c: { id: string }) => c.id)).toEqual([id]);
    const byName = await t.http.get('/v1/customers?name=bAbb').set(a());
    expect(byName.body.data.map((c: { name: string }) => c.name)).toEqual(['Charles Babbage']);
    // A wildcard in the search is a character, not a pattern.
    expect((await t.http.get('/v1/customers?name=%25').set(a())).body.data).toEqual([]);
    const first = await t.http.get('/v1/customers?page_size=1').set(a());
    expect(first.body.data).toHaveLength(1);
    const second = await t.http.get(`/v1/customers?page_size=1&page_token=${first.body.next_page_token}`).set(a());
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
  });

  it('refuses bad details with their codes and writes nothing', async () => {
    const before = eventCount(t.db);
    for (const [body, code, field] of [
      [{ email: 'not-an-email' }, 'INVALID_EMAIL', 'email'],
      [{ phone: '555-1234' }, 'INVALID_PHONE', 'phone'],
      [{ address: { line1: '1 Main St', country: 'XX' } }, 'INVALID_COUNTRY', 'address.country'],
      [{ address: { country: 'US' } }, 'INVALID_ADDRESS', 'address.line1'],
      [{ nickname: 'x' }, 'UNKNOWN_FIELD', 'nickname'],
    ] as const) {
      const res = await t.http.post('/v1/customers').set(a()).send(body);
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, code, field]);
    }
    expect(eventCount(t.db)).toBe(before);
  });

  it('saves cards (the first is the default), sets another default, removes one; the timeline tells each', async () => {
    const id = await createCustomer(t, t.keys.aTest);
    const saved = await t.http.post(`/v1/customers/${id}/payment-methods`).set(a()).send({ token: 'tok_visa' });
    expect(saved.status).toBe(201);
    expect(saved.body.data).toEqual({
      id: expect.stringMatching(/^pm_/),
      object: 'payment_method',
      customer_id: id,
      type: 'card',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 },
      usage: 'off_session',
      status: 'active',
      is_default: true,
      created_at: expect.any(String),
      removed_at: null,
    });
    expect(JSON.stringify(saved.body)).not.toContain('tok_visa');
    const pm1 = saved.body.data.id as string;
    const pm2 = await saveCard(t, t.keys.aTest, id, 'tok_mastercard', { usage: 'on_session' });
    expect((await t.http.post(`/v1/customers/${id}/payment-methods/${pm2}/set-default`).set(a())).body.data.is_default).toBe(true);
    expect((await t.http.get(`/v1/customers/${id}`).set(a())).body.data.default_payment_method.id).toBe(pm2);
    const removed = await t.http.post(`/v1/customers/${id}/payment-methods/${pm2}/remove`).set(a());
    expect(removed.body.data).toMatchObject({ status: 'removed', is_default: false });
    // Removing again changes nothing; making it the default is refused with its own code.
    expect((await t.http.post(`/v1/customers/${id}/payment-methods/${pm2}/remove`).set(a())).status).toBe(200);
    const again = await t.http.post(`/v1/customers/${id}/payment-methods/${pm2}/set-default`).set(a());
    expect([again.status, again.body.error.code]).toEqual([422, 'PAYMENT_METHOD_REMOVED']);
    expect((await t.http.get(`/v1/customers/${id}`).set(a())).body.data.default_payment_method).toBeNull();
    expect((await t.http.get(`/v1/customers/${id}/payment-methods`).set(a())).body.data.map((pm: { id: string }) => pm.id)).toEqual([pm1]);
    expect((await t.http.get(`/v1/customers/${id}/payment-methods?include_removed=true`).set(a())).body.data.map((pm: { id: string }) => pm.id)).toEqual([pm1, pm2]);

    const timeline = await t.http.get(`/v1/customers/${id}/timeline?type=customer`).set(a());
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual([
      'CustomerCreated',
      'PaymentMethodSaved',
      'DefaultPaymentMethodSet',
      'PaymentMethodSaved',
      'DefaultPaymentMethodSet',
      'PaymentMethodRemoved',
    ]);
    expect(timeline.body.data[5]).toMatchObject({ order_id: null, amounts_after: null, summary: expect.stringContaining('mastercard ending 4444') });
  });

  it('refuses a token it never issued to this merchant, and an unknown usage', async () => {
    const id = await createCustomer(t, t.keys.aTest);
    const unknown = await t.http.post(`/v1/customers/${id}/payment-methods`).set(a()).send({ token: 'tok_nothing0000000000' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'NO_SUCH_TOKEN']);
    const usage = await t.http.post(`/v1/customers/${id}/payment-methods`).set(a()).send({ token: 'tok_visa', usage: 'sometimes' });
    expect(usage.status).toBe(400);
  });

  it('an order, invoice or payment intent naming a customer that does not exist is CUSTOMER_NOT_FOUND, nothing written', async () => {
    const ghost = 'cus_0000000000000000ghost';
    const before = eventCount(t.db);
    const order = await t.http.post('/v1/orders').set(a()).send({ currency: 'USD', customer_id: ghost });
    expect([order.status, order.body.error.code, order.body.error.field]).toEqual([404, 'CUSTOMER_NOT_FOUND', 'customer_id']);
    const invoice = await t.http.post('/v1/invoices').set(a()).send({ customer_id: ghost, currency: 'USD', line_items: [{ name: 'x', quantity: 1, unit_price_money: usd(100) }] });
    expect([invoice.status, invoice.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    const intent = await t.http.post('/v1/payment-intents').set(a()).send({ amount_money: usd(100), customer_id: ghost });
    expect([intent.status, intent.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    const plain = await t.http.post('/v1/orders').set(a()).send({ currency: 'USD' });
    const patch = await t.http.patch(`/v1/orders/${plain.body.data.id}`).set(a()).send({ customer_id: ghost });
    expect([patch.status, patch.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    expect(eventCount(t.db)).toBe(before + 1);
  });

  it("another merchant's or the other mode's customer and methods are 404 on every route", async () => {
    const id = await createCustomer(t, t.keys.aTest);
    const pm = await saveCard(t, t.keys.aTest, id);
    for (const key of [t.keys.bTest, t.keys.aLive]) {
      const other = bearer(key);
      const answers = [
        await t.http.get(`/v1/customers/${id}`).set(other),
        await t.http.patch(`/v1/customers/${id}`).set(other).send({ name: 'x' }),
        await t.http.get(`/v1/customers/${id}/payment-methods`).set(other),
        await t.http.get(`/v1/customers/${id}/payment-methods/${pm}`).set(other),
        await t.http.post(`/v1/customers/${id}/payment-methods`).set(other).send({ token: 'tok_visa' }),
        await t.http.post(`/v1/customers/${id}/payment-methods/${pm}/set-default`).set(other),
        await t.http.post(`/v1/customers/${id}/payment-methods/${pm}/remove`).set(other),
        await t.http.get(`/v1/customers/${id}/receivables`).set(other),
        await t.http.get(`/v1/customers/${id}/timeline`).set(other),
        await t.http.post('/v1/orders').set(other).send({ currency: 'USD', customer_id: id }),
        await t.http.post('/v1/payment-intents').set(other).send({ amount_money: usd(500), customer_id: id, off_session: true }),
      ];
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 404));
      expect((await t.http.get('/v1/customers').set(other)).body.data.map((c: { id: string }) => c.id)).not.toContain(id);
    }
    expect((await t.http.get(`/v1/customers/${id}/payment-methods/${pm}`).set(a())).body.data.status).toBe('active');
  });
});
