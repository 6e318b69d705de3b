import { givenCustomers } from './support/customers.js';
import { Collection, DAY_MS, SettableClock, money } from './support/collection.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

interface OpenInvoice {
  id: string;
  number: string;
  order_id: string;
  status: string;
  amount_remaining_money: { amount: number; currency: string };
  due_at: string;
  days_past_due: number;
  bucket: string;
}

const buckets = (currency: string, b: Partial<Record<'current' | '1_30' | '31_60' | '61_90' | 'over_90', number>>) => ({
  current: money(b.current ?? 0, currency),
  '1_30': money(b['1_30'] ?? 0, currency),
  '31_60': money(b['31_60'] ?? 0, currency),
  '61_90': money(b['61_90'] ?? 0, currency),
  over_90: money(b.over_90 ?? 0, currency),
});

describe('Customer receivables and the aging report (e2e, real SQLite, injected clock)', () => {
  let t: TestApp;
  let seed: Collection;
  const clock = new SettableClock(T0);
  const auth = () => bearer(t.keys.aTest);

  beforeAll(async () => {
    t = await startTestApp({ invoiceSchedulerMs: 0 }, clock);
    await givenCustomers(t, ['cus_AgingBoundaries00001', 'cus_Alice000000000000001', 'cus_Bob00000000000000001', 'cus_MixedStatuses000001', 'cus_TenancyCheck0000001', 'cus_TwoCurrencies0000001']);
    seed = new Collection(t);
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(T0));

  const receivables = (customer: string, key = auth()) => t.http.get(`/v1/customers/${customer}/receivables`).set(key);

  it('buckets open invoices by whole days past due, at every boundary', async () => {
    const customer = 'cus_AgingBoundaries00001';
    // Each invoice is issued k days before T0 and due at issue (days_until_due 0): at T0 it is k days past due.
    const ages: [number, number][] = [
      [0, 100],
      [1, 200],
      [30, 400],
      [31, 800],
      [60, 1600],
      [61, 3200],
      [90, 6400],
      [91, 12800],
    ];
    const byAge = new Map<number, string>();
    for (const [days, amount] of ages) {
      clock.set(at(-days * DAY_MS));
      byAge.set(days, (await seed.issuedInvoice(customer, 'USD', amount)).invoiceId);
    }
    // Not due for another 30 days; and one due 23 hours ago (less than a whole day: still current).
    clock.set(T0);
    const future = (await seed.issuedInvoice(customer, 'USD', 50, 30)).invoiceId;
    clock.set(at(-23 * 3600 * 1000));
    const hoursAgo = (await seed.issuedInvoice(customer, 'USD', 25)).invoiceId;

    clock.set(T0);
    const res = await receivables(customer).expect(200);
    const data = res.body.data;
    expect(data).toMatchObject({ object: 'customer_receivables', customer_id: customer, as_of: T0.toISOString() });
    const invoices = data.open_invoices as OpenInvoice[];
    expect(invoices).toHaveLength(10);
    const row = (id: string) => invoices.find((i) => i.id === id)!;
    const expected: [number, number, string][] = [
      [0, 0, 'current'],
      [1, 1, '1_30'],
      [30, 30, '1_30'],
      [31, 31, '31_60'],
      [60, 60, '31_60'],
      [61, 61, '61_90'],
      [90, 90, '61_90'],
      [91, 91, 'over_90'],
    ];
    for (const [age, days, bucket] of expected) {
      expect(row(byAge.get(age)!)).toMatchObject({ days_past_due: days, bucket, status: 'open', due_at: at(-age * DAY_MS).toISOString() });
    }
    expect(row(future)).toMatchObject({ days_past_due: 0, bucket: 'current', due_at: at(30 * DAY_MS).toISOString() });
    expect(row(hoursAgo)).toMatchObject({ days_past_due: 0, bucket: 'current' });
    expect(row(byAge.get(91)!)).toMatchObject({ number: expect.stringMatching(/^INV-/), order_id: expect.stringMatching(/^ord_/), amount_remaining_money: money(12800, 'USD') });
    // Oldest due first.
    expect(invoices.map((i) => i.due_at)).toEqual([...invoices.map((i) => i.due_at)].sort());
    expect(data.by_currency).toEqual([
      {
        currency: 'USD',
        outstanding_money: money(25575, 'USD'),
        invoice_count: 10,
        buckets: buckets('USD', { current: 175, '1_30': 600, '31_60': 2400, '61_90': 9600, over_90: 12800 }),
      },
    ]);

    // The report buckets in SQL by the same rule, to the millisecond.
    const reportRow = async () => {
      const report = (await t.http.get('/v1/reports/receivables-aging').set(auth()).expect(200)).body.data;
      const { customer_id: _, ...figures } = report.customers.find((c: { customer_id: string }) => c.customer_id === customer);
      return figures;
    };
    expect(await reportRow()).toEqual(data.by_currency[0]);

    // One millisecond earlier, every invoice is a day younger at the boundary it sits on.
    clock.set(at(-1));
    const earlier = (await receivables(customer).expect(200)).body.data;
    const earlierRow = (age: number) => (earlier.open_invoices as OpenInvoice[]).find((i) => i.id === byAge.get(age))!;
    expect(earlierRow(1)).toMatchObject({ days_past_due: 0, bucket: 'current' });
    expect(earlierRow(31)).toMatchObject({ days_past_due: 30, bucket: '1_30' });
    expect(earlierRow(61)).toMatchObject({ days_past_due: 60, bucket: '31_60' });
    expect(earlierRow(91)).toMatchObject({ days_past_due: 90, bucket: '61_90' });
    expect(earlier.by_currency[0].buckets).toEqual(buckets('USD', { current: 375, '1_30': 1200, '31_60': 4800, '61_90': 19200 }));
    expect(earlier.as_of).toBe(at(-1).toISOString());
    expect(await reportRow()).toEqual(earlier.by_currency[0]);
  });

  it('keeps currencies apart', async () => {
    const customer = 'cus_TwoCurrencies0000001';
    await seed.issuedInvoice(customer, 'EUR', 1000);
    await seed.issuedInvoice(customer, 'USD', 2500, 10);
    clock.set(at(5 * DAY_MS));
    const data = (await receivables(customer).expect(200)).body.data;
    expect(data.open_invoices.map((i: OpenInvoice) => [i.amount_remaining_money, i.bucket])).toEqual([
      [money(1000, 'EUR'), '1_30'],
      [money(2500, 'USD'), 'current'],
    ]);
    expect(data.by_currency).toEqual([
      { currency: 'EUR', outstanding_money: money(1000, 'EUR'), invoice_count: 1, buckets: buckets('EUR', { '1_30': 1000 }) },
      { currency: 'USD', outstanding_money: money(2500, 'USD'), invoice_count: 1, buckets: buckets('USD', { current: 2500 }) },
    ]);
  });

  it('counts what is still owed on partially paid invoices and leaves out drafts, paid, void and uncollectible ones', async () => {
    const customer = 'cus_MixedStatuses000001';
    const partial = await seed.issuedInvoice(customer, 'USD', 1000);
    await seed.manualPayment(partial.orderId, partial.invoiceId, 300);
    const paid = await seed.issuedInvoice(customer, 'USD', 2000);
    await seed.manualPayment(paid.orderId, paid.invoiceId, 2000);
    const voided = await seed.issuedInvoice(customer, 'USD', 4000);
    await seed.run(voided.orderId, [{ type: 'VoidInvoice', data: { order_id: voided.orderId, invoice_id: voided.invoiceId, reason: 'sent twice' } }]);
    const uncollectible = await seed.issuedInvoice(customer, 'USD', 8000);
    await seed.run(uncollectible.orderId, [{ type: 'MarkInvoiceUncollectible', data: { order_id: uncollectible.orderId, invoice_id: uncollectible.invoiceId } }]);
    const draftOrder = await seed.order('USD', 16000, customer);
    await seed.draft(draftOrder, customer);

    const statuses = t.db.prepare('SELECT id, status FROM invoices WHERE customer_id = ?').all(customer) as { id: string; status: string }[];
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toMatchObject({
      [partial.invoiceId]: 'partially_paid',
      [paid.invoiceId]: 'paid',
      [voided.invoiceId]: 'void',
      [uncollectible.invoiceId]: 'uncollectible',
    });

    const data = (await receivables(customer).expect(200)).body.data;
    expect(data.open_invoices).toEqual([
      {
        id: partial.invoiceId,
        number: expect.any(String),
        order_id: partial.orderId,
        status: 'partially_paid',
        amount_remaining_money: money(700, 'USD'),
        due_at: T0.toISOString(),
        days_past_due: 0,
        bucket: 'current',
      },
    ]);
    expect(data.by_currency).toEqual([{ currency: 'USD', outstanding_money: money(700, 'USD'), invoice_count: 1, buckets: buckets('USD', { current: 700 }) }]);
  });

  it('answers a customer with nothing owed with empty lists; another merchant, the other mode and an unknown customer alike: 404', async () => {
    const customer = 'cus_TenancyCheck0000001';
    await seed.issuedInvoice(customer, 'USD', 1234);
    expect((await receivables(customer).expect(200)).body.data.open_invoices).toHaveLength(1);
    await givenCustomers(t, ['cus_NothingOwed000000001']);
    expect((await receivables('cus_NothingOwed000000001').expect(200)).body.data).toEqual({
      object: 'customer_receivables',
      customer_id: 'cus_NothingOwed000000001',
      as_of: T0.toISOString(),
      open_invoices: [],
      by_currency: [],
    });

    for (const answer of [await receivables(customer, bearer(t.keys.bTest)), await receivables(customer, bearer(t.keys.aLive)), await receivables('cus_NeverSeenBefore00001')]) {
      expect([answer.status, answer.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    }

    const report = (await t.http.get('/v1/reports/receivables-aging').set(bearer(t.keys.bTest)).expect(200)).body.data;
    expect(report).toEqual({ object: 'receivables_aging_report', as_of: T0.toISOString(), by_currency: [], customers: [] });
  });

  it('refuses a malformed customer id with 400 INVALID_ID', async () => {
    for (const bad of ['cus_short', 'ord_0123456789abcdefABCD', 'cus_0123456789abcdef-ABC']) {
      const res = await receivables(bad).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_ID', field: 'id' });
    }
    await t.http.get('/v1/customers/cus_0123456789abcdefABCDEF/receivables').expect(401);
  });
});

describe('GET /v1/reports/receivables-aging (e2e)', () => {
  let t: TestApp;
  const clock = new SettableClock(T0);

  beforeAll(async () => {
    t = await startTestApp({ invoiceSchedulerMs: 0 }, clock);
    await givenCustomers(t, ['cus_AgingBoundaries00001', 'cus_Alice000000000000001', 'cus_Bob00000000000000001', 'cus_MixedStatuses000001', 'cus_TenancyCheck0000001', 'cus_TwoCurrencies0000001']);
  });
  afterAll(() => t.close());

  it('sums open invoices per currency and per customer and currency, by age, as of now', async () => {
    const seed = new Collection(t);
    const alice = 'cus_Alice000000000000001';
    const bob = 'cus_Bob00000000000000001';
    clock.set(at(-45 * DAY_MS));
    await seed.issuedInvoice(alice, 'USD', 1000); // 45 days past due at T0
    clock.set(at(-100 * DAY_MS));
    await seed.issuedInvoice(bob, 'USD', 3000); // 100 days
    clock.set(at(-1 * DAY_MS));
    await seed.issuedInvoice(bob, 'EUR', 500); // 1 day
    clock.set(T0);
    await seed.issuedInvoice(alice, 'USD', 200, 14); // current
    const paid = await seed.issuedInvoice(alice, 'USD', 999); // paid: not owed
    await seed.manualPayment(paid.orderId, paid.invoiceId, 999);
    // Another merchant's and the live mode's receivables never show (their customers are their own).
    await givenCustomers(t, ['cus_AliceAtB00000000001'], { merchant: 'b' });
    await givenCustomers(t, ['cus_AliceLive0000000001'], { mode: 'live' });
    await new Collection(t, 'bTest').issuedInvoice('cus_AliceAtB00000000001', 'USD', 777);
    await new Collection(t, 'aLive').issuedInvoice('cus_AliceLive0000000001', 'USD', 888);

    const res = await t.http.get('/v1/reports/receivables-aging').set(bearer(t.keys.aTest)).expect(200);
    expect(res.body.data).toEqual({
      object: 'receivables_aging_report',
      as_of: T0.toISOString(),
      by_currency: [
        { currency: 'EUR', outstanding_money: money(500, 'EUR'), invoice_count: 1, buckets: buckets('EUR', { '1_30': 500 }) },
        { currency: 'USD', outstanding_money: money(4200, 'USD'), invoice_count: 3, buckets: buckets('USD', { current: 200, '31_60': 1000, over_90: 3000 }) },
      ],
      customers: [
        { customer_id: alice, currency: 'USD', outstanding_money: money(1200, 'USD'), invoice_count: 2, buckets: buckets('USD', { current: 200, '31_60': 1000 }) },
        { customer_id: bob, currency: 'EUR', outstanding_money: money(500, 'EUR'), invoice_count: 1, buckets: buckets('EUR', { '1_30': 500 }) },
        { customer_id: bob, currency: 'USD', outstanding_money: money(3000, 'USD'), invoice_count: 1, buckets: buckets('USD', { over_90: 3000 }) },
      ],
    });

    // The report and a customer's receivables agree; moving the clock ages both.
    clock.set(at(16 * DAY_MS));
    const later = (await t.http.get('/v1/reports/receivables-aging').set(bearer(t.keys.aTest)).expect(200)).body.data;
    expect(later.as_of).toBe(at(16 * DAY_MS).toISOString());
    expect(later.customers[0]).toEqual({ customer_id: alice, currency: 'USD', outstanding_money: money(1200, 'USD'), invoice_count: 2, buckets: buckets('USD', { '1_30': 200, '61_90': 1000 }) });
    const aliceNow = (await t.http.get(`/v1/customers/${alice}/receivables`).set(bearer(t.keys.aTest)).expect(200)).body.data;
    const { customer_id: _, ...aliceFigures } = later.customers[0];
    expect(aliceNow.by_currency).toEqual([aliceFigures]);
  });
});
