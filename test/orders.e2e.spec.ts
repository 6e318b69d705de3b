import { givenCustomers } from './support/customers.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('Orders API (e2e, real SQLite file)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await givenCustomers(t, ['cus_0123456789abcdefABCDEF']);
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  const createShirtAndMug = () =>
    t.http
      .post('/v1/orders')
      .set(auth)
      .send({
        currency: 'USD',
        customer_id: 'cus_0123456789abcdefABCDEF',
        line_items: [
          { ref: 'shirt', name: 'T-shirt', quantity: 2, unit_price_money: usd(2500) },
          { ref: 'mug', name: 'Mug', quantity: 1, unit_price_money: usd(1200) },
        ],
        discounts: [{ name: 'Spring sale', percentage: '10' }],
        taxes: [{ name: 'NY sales tax', percentage: '8.875' }],
        tip: { percentage: '15' },
      });

  it('creates an order with a discount, a tax and a tip, and computes every total on the server', async () => {
    const res = await createShirtAndMug().expect(201);
    const order = res.body.data;
    expect(res.body.request_id).toMatch(/^req_/);
    expect(order.id).toMatch(/^ord_/);
    expect(order.status).toBe('open');
    expect(order.payment_status).toBe('unpaid');
    expect(order.refund_status).toBe('none');
    // subtotal 5000 + 1200; 10% off = 620 split 500/120; tax 8.875% of 4500 → 399 and of 1080 → 96;
    // tip 15% of (5580 + 495) = 911.25 → 911; total 5580 + 495 + 911.
    expect(order.amounts).toEqual({
      subtotal_money: usd(6200),
      discount_money: usd(620),
      tax_money: usd(495),
      tip_money: usd(911),
      total_money: usd(6986),
      paid_money: usd(0),
      refunded_money: usd(0),
      net_paid_money: usd(0),
      written_off_money: usd(0),
      reduced_money: usd(0),
      outstanding_money: usd(6986),
    });
    expect(order.line_items.map((l: { total_money: unknown }) => l.total_money)).toEqual([usd(4899), usd(1176)]);
    expect(order.line_items[0].id).toMatch(/^li_/);
  });

  it('reads an order right after writing it, and 404s an unknown one', async () => {
    const created = (await createShirtAndMug().expect(201)).body.data;
    const got = await t.http.get(`/v1/orders/${created.id}`).set(auth).expect(200);
    expect(got.body.data).toEqual(created);
    const missing = await t.http.get('/v1/orders/ord_000000000000000000000000').set(auth).expect(404);
    expect(missing.body.error).toMatchObject({ type: 'not_found_error', code: 'ORDER_NOT_FOUND' });
  });

  it('changes line items, discounts, taxes and tip, each answer carrying the new totals', async () => {
    const order = (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD' }).expect(201)).body.data;
    expect(order.amounts.total_money).toEqual(usd(0));
    let res = await t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: 'Book', quantity: 3, unit_price_money: usd(1000) }).expect(200);
    const bookId = res.body.data.line_items[0].id;
    expect(res.body.data.amounts.total_money).toEqual(usd(3000));
    res = await t.http.patch(`/v1/orders/${order.id}/line-items/${bookId}`).set(auth).send({ quantity: 2 }).expect(200);
    expect(res.body.data.amounts.subtotal_money).toEqual(usd(2000));
    res = await t.http.post(`/v1/orders/${order.id}/discounts`).set(auth).send({ name: 'Coupon', amount_money: usd(500), line_item_ids: [bookId] }).expect(200);
    const discountId = res.body.data.discounts[0].id;
    expect(res.body.data.amounts.total_money).toEqual(usd(1500));
    res = await t.http.post(`/v1/orders/${order.id}/taxes`).set(auth).send({ name: 'VAT', percentage: '20', inclusion: 'inclusive' }).expect(200);
    expect(res.body.data.amounts).toMatchObject({ tax_money: usd(250), total_money: usd(1500) });
    const taxId = res.body.data.taxes[0].id;
    res = await t.http.post(`/v1/orders/${order.id}/tip`).set(auth).send({ amount_money: usd(100) }).expect(200);
    expect(res.body.data.amounts.total_money).toEqual(usd(1600));
    await t.http.delete(`/v1/orders/${order.id}/tip`).set(auth).expect(200);
    await t.http.delete(`/v1/orders/${order.id}/taxes/${taxId}`).set(auth).expect(200);
    res = await t.http.delete(`/v1/orders/${order.id}/discounts/${discountId}`).set(auth).expect(200);
    expect(res.body.data.amounts.total_money).toEqual(usd(2000));
    res = await t.http.delete(`/v1/orders/${order.id}/line-items/${bookId}`).set(auth).expect(200);
    expect(res.body.data.line_items).toEqual([]);
    expect(res.body.data.version).toBe(9);
  });

  it('updates customer, notes and metadata; null clears', async () => {
    const order = (await createShirtAndMug().expect(201)).body.data;
    let res = await t.http.patch(`/v1/orders/${order.id}`).set(auth).send({ notes: 'gift wrap', metadata: { channel: 'web' } }).expect(200);
    expect(res.body.data).toMatchObject({ notes: 'gift wrap', metadata: { channel: 'web' } });
    res = await t.http.patch(`/v1/orders/${order.id}`).set(auth).send({ customer_id: null }).expect(200);
    expect(res.body.data.customer_id).toBeNull();
    const empty = await t.http.patch(`/v1/orders/${order.id}`).set(auth).send({}).expect(400);
    expect(empty.body.error.code).toBe('NO_CHANGES');
  });

  it('closes an order; a closed order refuses changes with ORDER_CLOSED', async () => {
    const order = (await createShirtAndMug().expect(201)).body.data;
    const closed = await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({ reason: 'canceled' }).expect(200);
    expect(closed.body.data).toMatchObject({ status: 'closed', close_reason: 'canceled' });
    const refused = await t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: 'x', quantity: 1, unit_price_money: usd(1) }).expect(409);
    expect(refused.body.error).toMatchObject({ type: 'conflict_error', code: 'ORDER_CLOSED' });
  });

  it('refuses a line item in another currency with CURRENCY_MISMATCH (422)', async () => {
    const order = (await createShirtAndMug().expect(201)).body.data;
    const res = await t.http
      .post(`/v1/orders/${order.id}/line-items`)
      .set(auth)
      .send({ name: 'Euro thing', quantity: 1, unit_price_money: { amount: 100, currency: 'EUR' } })
      .expect(422);
    expect(res.body.error).toMatchObject({ type: 'business_rule_error', code: 'CURRENCY_MISMATCH' });
  });

  it('shows the timeline: every fact in words with the amounts after each', async () => {
    const order = (await createShirtAndMug().expect(201)).body.data;
    await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200);
    const res = await t.http.get(`/v1/orders/${order.id}/timeline`).set(auth).expect(200);
    const entries = res.body.data as { type: string; summary: string; amounts_after: Record<string, { amount: number }> }[];
    expect(entries.map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded', 'LineItemAdded', 'DiscountApplied', 'TaxApplied', 'TipSet', 'OrderClosed']);
    expect(entries[1].summary).toBe('Line item "T-shirt" added: 2 × USD 25.00');
    expect(entries[1].amounts_after.total_money.amount).toBe(5000);
    expect(entries[5].amounts_after.total_money.amount).toBe(6986);
    expect(entries[6].summary).toBe('Order closed (completed)');
  });

  it('lists orders newest first with filters and cursor pagination', async () => {
    const other = await startTestApp();
    await givenCustomers(other, ['cus_0123456789abcdefABCDEF']);
    try {
      const key = bearer(other.keys.aTest);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await other.http.post('/v1/orders').set(key).send({ currency: 'USD', customer_id: i % 2 ? 'cus_0123456789abcdefABCDEF' : undefined }).expect(201)).body.data.id);
      }
      await other.http.post(`/v1/orders/${ids[0]}/close`).set(key).send({}).expect(200);
      const page1 = await other.http.get('/v1/orders?page_size=2').set(key).expect(200);
      expect(page1.body.data.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
      expect(page1.body.next_page_token).toEqual(expect.any(String));
      const page2 = await other.http.get(`/v1/orders?page_size=2&page_token=${page1.body.next_page_token}`).set(key).expect(200);
      expect(page2.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
      const page3 = await other.http.get(`/v1/orders?page_size=2&page_token=${page2.body.next_page_token}`).set(key).expect(200);
      expect(page3.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
      expect(page3.body.next_page_token).toBeNull();
      const closed = await other.http.get('/v1/orders?status=closed').set(key).expect(200);
      expect(closed.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
      const byCustomer = await other.http.get('/v1/orders?customer_id=cus_0123456789abcdefABCDEF').set(key).expect(200);
      expect(byCustomer.body.data.map((o: { id: string }) => o.id)).toEqual([ids[3], ids[1]]);
      const unpaid = await other.http.get('/v1/orders?payment_status=unpaid&page_size=100').set(key).expect(200);
      expect(unpaid.body.data).toHaveLength(5);
      const future = await other.http.get('/v1/orders?created_gte=2999-01-01').set(key).expect(200);
      expect(future.body.data).toEqual([]);
      const past = await other.http.get('/v1/orders?created_lt=2999-01-01T00:00:00Z&page_size=100').set(key).expect(200);
      expect(past.body.data).toHaveLength(5);
    } finally {
      await other.close();
    }
  });
});
