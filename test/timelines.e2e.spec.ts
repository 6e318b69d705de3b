import { givenCustomers } from './support/customers.js';
import { Collection, SettableClock, money } from './support/collection.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const T0 = new Date('2026-04-01T09:00:00.000Z');
const HOUR = 3600 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

interface Entry {
  sequence: number;
  order_id?: string;
  type: string;
  occurred_at: string;
  summary: string;
  amounts_after: Record<string, { amount: number; currency: string }>;
  request_id: string | null;
}

describe('Order and customer timelines (e2e, real SQLite, injected clock)', () => {
  let t: TestApp;
  let seed: Collection;
  const clock = new SettableClock(T0);
  const auth = () => bearer(t.keys.aTest);
  const customer = 'cus_TimelineCustomer0001';
  let first: string; // USD 10000, invoiced at T0+1h, 4000 received by wire at T0+3h
  let second: string; // USD 2500, paid by card at T0+2h
  let adopted: string; // created without a customer, invoiced to `customer` at T0+4h
  let firstInvoice: string;

  const get = async (path: string, key = auth()) => (await t.http.get(path).set(key).expect(200)).body;
  const orderTimeline = async (id: string, query = '') => (await get(`/v1/orders/${id}/timeline${query}`)).data as Entry[];
  const customerTimeline = async (query = '', id = customer) => (await get(`/v1/customers/${id}/timeline${query}`)).data as Entry[];

  beforeAll(async () => {
    t = await startTestApp({ invoiceSchedulerMs: 0 }, clock);
    await givenCustomers(t, ['cus_SomeoneElse00000001', 'cus_TimelineCustomer0001']);
    seed = new Collection(t);
    first = await seed.order('USD', 10000, customer);
    second = await seed.order('USD', 2500, customer);
    await seed.order('USD', 999, 'cus_SomeoneElse00000001');
    clock.set(at(1 * HOUR));
    firstInvoice = await seed.draft(first, customer, 30);
    await seed.issue(first, firstInvoice);
    clock.set(at(2 * HOUR));
    await t.http.post(`/v1/orders/${second}/pay`).set(auth()).send({ payment_method: { token: 'tok_visa' } }).expect(200);
    clock.set(at(3 * HOUR));
    await seed.manualPayment(first, firstInvoice, 4000);
    clock.set(at(4 * HOUR));
    adopted = await seed.order('EUR', 700);
    await seed.draft(adopted, customer);
  });
  afterAll(() => t.close());

  describe('GET /v1/orders/{id}/timeline filters', () => {
    it('keeps the unfiltered answer as it was', async () => {
      const all = await orderTimeline(first);
      expect(all.map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded', 'InvoiceCreated', 'InvoiceIssued', 'ManualPaymentRecorded']);
      expect(all.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(Object.keys(all[0])).toEqual(['sequence', 'type', 'occurred_at', 'summary', 'amounts_after', 'request_id']);
      expect(all[4].amounts_after).toMatchObject({ total_money: money(10000, 'USD'), paid_money: money(4000, 'USD'), outstanding_money: money(6000, 'USD') });
    });

    it('filters by category and by event type, and an entry keeps its sequence number', async () => {
      expect((await orderTimeline(first, '?type=invoice')).map((e) => [e.sequence, e.type])).toEqual([
        [3, 'InvoiceCreated'],
        [4, 'InvoiceIssued'],
      ]);
      expect((await orderTimeline(first, '?type=manual_payment')).map((e) => [e.sequence, e.type])).toEqual([[5, 'ManualPaymentRecorded']]);
      expect((await orderTimeline(first, '?type=order')).map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded']);
      expect((await orderTimeline(first, '?type=payment')).map((e) => e.type)).toEqual([]);
      expect((await orderTimeline(first, '?type=OrderCreated,manual_payment')).map((e) => e.type)).toEqual(['OrderCreated', 'ManualPaymentRecorded']);
      expect((await orderTimeline(first, `?type=${encodeURIComponent('InvoiceIssued, LineItemAdded')}`)).map((e) => e.type)).toEqual(['LineItemAdded', 'InvoiceIssued']);

      const card = await orderTimeline(second, '?type=payment');
      expect(card.length).toBeGreaterThan(0);
      expect(card.every((e) => /^(Payment|Refund)/.test(e.type))).toBe(true);
      expect(card.map((e) => e.type)).toContain('PaymentCaptured');
      expect(card.find((e) => e.type === 'PaymentCaptured')!.amounts_after).toMatchObject({ paid_money: money(2500, 'USD'), outstanding_money: money(0, 'USD') });
      expect((await orderTimeline(second, '?type=order')).map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded']);
    });

    it('filters by occurred_at, both bounds inclusive', async () => {
      expect((await orderTimeline(first, `?from=${at(1 * HOUR)}`)).map((e) => e.type)).toEqual(['InvoiceCreated', 'InvoiceIssued', 'ManualPaymentRecorded']);
      expect((await orderTimeline(first, `?to=${at(1 * HOUR)}`)).map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded', 'InvoiceCreated', 'InvoiceIssued']);
      expect((await orderTimeline(first, `?from=${at(1 * HOUR + 1)}&to=${at(3 * HOUR)}`)).map((e) => e.type)).toEqual(['ManualPaymentRecorded']);
      // Other zones and plain dates are instants too.
      expect((await orderTimeline(first, `?from=${encodeURIComponent('2026-04-01T14:00:00+02:00')}`)).map((e) => e.type)).toEqual(['ManualPaymentRecorded']);
      expect(await orderTimeline(first, '?from=2026-04-02')).toEqual([]);
      expect(await orderTimeline(first, '?to=2026-04-01')).toEqual([]);
      expect((await orderTimeline(first, `?type=invoice,manual_payment&from=${at(2 * HOUR)}`)).map((e) => e.type)).toEqual(['ManualPaymentRecorded']);
    });

    it('refuses bad filter values with 400 INVALID_FIELD', async () => {
      const cases: [string, string][] = [
        ['type=Bogus', 'type'],
        ['type=payment,,invoice', 'type'],
        ['type=', 'type'],
        ['type=payments', 'type'],
        ['type=payment&type=invoice', 'type'],
        ['from=yesterday', 'from'],
        ['from=2026-02-30', 'from'],
        ['from=2026-04-01T10:00:00', 'from'],
        ['to=1712000000', 'to'],
        [`from=${at(2 * HOUR)}&to=${at(1 * HOUR)}`, 'to'],
      ];
      for (const [query, field] of cases) {
        const res = await t.http.get(`/v1/orders/${first}/timeline?${query}`).set(auth());
        expect([query, res.status, res.body.error?.code, res.body.error?.field]).toEqual([query, 400, 'INVALID_FIELD', field]);
      }
      const unknown = await t.http.get(`/v1/orders/${first}/timeline?kind=payment`).set(auth()).expect(400);
      expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'kind' });
    });

    it('still answers 404 for another merchant’s order, filtered or not', async () => {
      const res = await t.http.get(`/v1/orders/${first}/timeline?type=invoice`).set(bearer(t.keys.bTest)).expect(404);
      expect(res.body.error.code).toBe('ORDER_NOT_FOUND');
    });
  });

  describe('GET /v1/customers/{id}/timeline', () => {
    it("lists every entry of the customer's orders in log order, with each order's amounts after it", async () => {
      const all = await customerTimeline('?page_size=100');
      // The customer's own facts come first (created before any order), then the orders' entries.
      expect(all.filter((e) => e.order_id === null).map((e) => e.type)).toEqual(['CustomerCreated']);
      const entries = all.filter((e) => e.order_id !== null);
      const firstOnes = await orderTimeline(first);
      const secondOnes = await orderTimeline(second);
      const adoptedOnes = await orderTimeline(adopted);
      expect(entries).toHaveLength(firstOnes.length + secondOnes.length + adoptedOnes.length);
      // Same shape as an order timeline entry, plus order_id.
      expect(Object.keys(entries[0])).toEqual(['order_id', 'sequence', 'type', 'occurred_at', 'summary', 'amounts_after', 'request_id']);
      for (const [id, own] of [
        [first, firstOnes],
        [second, secondOnes],
        [adopted, adoptedOnes],
      ] as const) {
        expect(entries.filter((e) => e.order_id === id).map(({ order_id: _, ...rest }) => rest)).toEqual(own);
      }
      // Log order across orders: both orders created before the invoice, the card payment before the wire.
      expect(entries.slice(0, 4).map((e) => [e.order_id, e.type])).toEqual([
        [first, 'OrderCreated'],
        [first, 'LineItemAdded'],
        [second, 'OrderCreated'],
        [second, 'LineItemAdded'],
      ]);
      const times = entries.map((e) => e.occurred_at);
      expect(times).toEqual([...times].sort());
      const captured = entries.findIndex((e) => e.type === 'PaymentCaptured');
      const wire = entries.findIndex((e) => e.type === 'ManualPaymentRecorded');
      expect(captured).toBeGreaterThan(entries.findIndex((e) => e.type === 'InvoiceIssued'));
      expect(wire).toBeGreaterThan(captured);
      expect(entries[captured]).toMatchObject({ order_id: second, amounts_after: { paid_money: money(2500, 'USD'), outstanding_money: money(0, 'USD') } });
      expect(entries[wire]).toMatchObject({ order_id: first, amounts_after: { paid_money: money(4000, 'USD'), outstanding_money: money(6000, 'USD') } });
      // The order invoiced to the customer later comes with its whole history, before the adoption too.
      expect(entries.filter((e) => e.order_id === adopted).map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded', 'OrderDetailsUpdated', 'InvoiceCreated']);
      // Someone else's order never shows.
      expect(new Set(entries.map((e) => e.order_id))).toEqual(new Set([first, second, adopted]));
    });

    it('pages by log position', async () => {
      const all = await customerTimeline('?page_size=100');
      const seen: Entry[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const body = await get(`/v1/customers/${customer}/timeline?page_size=3${token ? `&page_token=${token}` : ''}`);
        expect(body.data.length).toBeLessThanOrEqual(3);
        seen.push(...body.data);
        token = body.next_page_token;
        pages++;
      } while (token);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / 3));
      // Default page size 20.
      const firstPage = await get(`/v1/customers/${customer}/timeline`);
      expect(firstPage.data).toEqual(all.slice(0, 20));
      expect(firstPage.next_page_token === null).toBe(all.length <= 20);
    });

    it('takes the same filters', async () => {
      expect((await customerTimeline('?type=payment,manual_payment&page_size=100')).every((e) => /^(Payment|Refund|ManualPayment)/.test(e.type))).toBe(true);
      expect((await customerTimeline('?type=invoice')).map((e) => [e.order_id, e.type])).toEqual([
        [first, 'InvoiceCreated'],
        [first, 'InvoiceIssued'],
        [adopted, 'InvoiceCreated'],
      ]);
      expect((await customerTimeline(`?type=invoice,manual_payment&from=${at(3 * HOUR)}&to=${at(4 * HOUR)}`)).map((e) => [e.order_id, e.type])).toEqual([
        [first, 'ManualPaymentRecorded'],
        [adopted, 'InvoiceCreated'],
      ]);
      const paged = await get(`/v1/customers/${customer}/timeline?type=order&page_size=2`);
      expect(paged.data.map((e: Entry) => e.type)).toEqual(['OrderCreated', 'LineItemAdded']);
      const next = await get(`/v1/customers/${customer}/timeline?type=order&page_size=2&page_token=${paged.next_page_token}`);
      expect(next.data.map((e: Entry) => [e.order_id, e.type])).toEqual([
        [second, 'OrderCreated'],
        [second, 'LineItemAdded'],
      ]);
    });

    it('is 404 for an unknown customer, another merchant and the other mode; malformed ids and filters are 400', async () => {
      for (const key of [t.keys.bTest, t.keys.aLive]) {
        const res = await t.http.get(`/v1/customers/${customer}/timeline`).set(bearer(key));
        expect([res.status, res.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
      }
      expect((await t.http.get('/v1/customers/cus_NobodyAtAll000000001/timeline').set(auth())).status).toBe(404);

      const badId = await t.http.get('/v1/customers/cus_x/timeline').set(auth()).expect(400);
      expect(badId.body.error).toMatchObject({ code: 'INVALID_ID', field: 'id' });
      const cases: [string, string, string][] = [
        ['type=Refunded', 'INVALID_FIELD', 'type'],
        ['from=soon', 'INVALID_FIELD', 'from'],
        [`from=${at(HOUR)}&to=${at(0)}`, 'INVALID_FIELD', 'to'],
        ['page_size=0', 'INVALID_FIELD', 'page_size'],
        ['page_size=101', 'INVALID_FIELD', 'page_size'],
        ['page_token=nope', 'INVALID_PAGE_TOKEN', 'page_token'],
      ];
      for (const [query, code, field] of cases) {
        const res = await t.http.get(`/v1/customers/${customer}/timeline?${query}`).set(auth());
        expect([query, res.status, res.body.error?.code, res.body.error?.field]).toEqual([query, 400, code, field]);
      }
    });
  });
});
