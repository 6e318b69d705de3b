import { givenCustomers } from './support/customers.js';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { InvoiceScheduler } from '../apps/api/src/invoices/application/invoice-scheduler.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

const CUSTOMER = 'cus_0000000000000000invoice1';

describe('Invoices and hybrid collection (e2e, real SQLite file, sandbox processor)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  const clock = new MovableClock();
  beforeAll(async () => {
    t = await startTestApp({ invoiceSchedulerMs: 0 }, clock);
    await givenCustomers(t, ['cus_0000000000000000invoice1']);
    await givenCustomers(t, ['cus_0000000000000000merchantB'], { merchant: 'b' });
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  const order100 = async (customer_id = CUSTOMER) =>
    (
      await t.http
        .post('/v1/orders')
        .set(auth)
        .send({ currency: 'USD', customer_id, line_items: [{ name: 'Consulting', quantity: 4, unit_price_money: usd(2500) }] })
        .expect(201)
    ).body.data;
  const getOrder = async (id: string) => (await t.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.data;
  const getInvoice = async (id: string) => (await t.http.get(`/v1/invoices/${id}`).set(auth).expect(200)).body.data;
  /** After each flow: order amounts, invoice status, customer receivables and both timelines agree. */
  const agree = async (orderId: string, invoiceId: string) => {
    const order = await getOrder(orderId);
    const invoice = await getInvoice(invoiceId);
    const open = invoice.status === 'open' || invoice.status === 'partially_paid';
    if (open || invoice.status === 'paid') expect(invoice.amount_remaining_money).toEqual(order.amounts.outstanding_money);
    expect(order.invoices).toEqual(expect.arrayContaining([{ invoice_id: invoiceId, number: invoice.number, status: invoice.status }]));

    const invoices = (await t.http.get(`/v1/invoices?customer_id=${CUSTOMER}&page_size=100`).set(auth).expect(200)).body.data as { id: string; status: string; amount_remaining_money: { amount: number } }[];
    const owed = invoices.filter((i) => i.status === 'open' || i.status === 'partially_paid').reduce((sum, i) => sum + i.amount_remaining_money.amount, 0);
    const receivables = (await t.http.get(`/v1/customers/${CUSTOMER}/receivables`).set(auth).expect(200)).body.data;
    expect(receivables.by_currency.find((c: { currency: string }) => c.currency === 'USD')?.outstanding_money.amount ?? 0).toBe(owed);
    expect(receivables.open_invoices.some((i: { id: string }) => i.id === invoiceId)).toBe(open);

    const orderTimeline = (await t.http.get(`/v1/orders/${orderId}/timeline`).set(auth).expect(200)).body.data as { type: string; summary: string; amounts_after: unknown }[];
    expect(orderTimeline.at(-1)?.amounts_after).toEqual(order.amounts);
    const customerTimeline: { order_id: string; type: string; summary: string; amounts_after: unknown }[] = [];
    let token: string | null = null;
    do {
      const page: { body: { data: typeof customerTimeline; next_page_token: string | null } } = await t.http
        .get(`/v1/customers/${CUSTOMER}/timeline?page_size=100${token ? `&page_token=${token}` : ''}`)
        .set(auth)
        .expect(200);
      customerTimeline.push(...page.body.data);
      token = page.body.next_page_token;
    } while (token);
    const pick = (e: { type: string; summary: string; amounts_after: unknown }) => ({ type: e.type, summary: e.summary, amounts_after: e.amounts_after });
    expect(customerTimeline.filter((e) => e.order_id === orderId).map(pick)).toEqual(orderTimeline.map(pick));
  };
  const types = async (orderId: string) => (await t.http.get(`/v1/orders/${orderId}/timeline`).set(auth).expect(200)).body.data.map((e: { type: string }) => e.type);

  it('(a) a card checkout fails → the order becomes an invoice → half by wire → the rest by card on the invoice', async () => {
    const order = await order100();
    const declined = await t.http.post(`/v1/orders/${order.id}/pay`).set(auth).send({ payment_method: { token: 'tok_chargeDeclined' } }).expect(200);
    expect(declined.body.data.status).toBe('requires_payment_method');

    const draft = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id, days_until_due: 14, memo: 'Thank you' }).expect(201)).body.data;
    // A draft shows what the order still owes as remaining (issue 14.7).
    expect(draft).toMatchObject({ status: 'draft', customer_id: CUSTOMER, number: null, amount_due_money: usd(10000), amount_remaining_money: usd(10000) });
    const issued = (await t.http.post(`/v1/invoices/${draft.id}/issue`).set(auth).expect(200)).body.data;
    expect(issued).toMatchObject({ status: 'open', number: expect.stringMatching(/^INV-\d{6}$/), amount_due_money: usd(10000), amount_remaining_money: usd(10000) });
    // The hosted invoice page exists now, and the link to it answers (issue 14.6: never a link to a 404).
    expect(draft.hosted_invoice_url).toBeNull();
    expect(issued.hosted_invoice_url).toMatch(/\/i\/ipt_[A-Za-z0-9]+$/);
    const page = await t.http.get(new URL(issued.hosted_invoice_url).pathname).expect(200);
    expect(page.text).toContain(issued.number);
    // The invoice now holds the order: what is sold is locked, and manual capture is refused.
    const line = order.line_items[0].id;
    expect((await t.http.patch(`/v1/orders/${order.id}/line-items/${line}`).set(auth).send({ quantity: 1 }).expect(409)).body.error.code).toBe('LINE_ITEMS_LOCKED');
    const manual = await t.http.post('/v1/payment-intents').set(auth).send({ order_id: order.id, capture_method: 'manual', payment_method: { token: 'tok_visa' } }).expect(422);
    expect(manual.body.error.code).toBe('INVOICE_REQUIRES_AUTOMATIC_CAPTURE');

    const wire = (
      await t.http.post(`/v1/invoices/${draft.id}/manual-payments`).set(auth).send({ amount_money: usd(5000), method: 'wire', received_at: '2026-01-05', reference: 'WIRE-1' }).expect(201)
    ).body.data;
    expect(wire).toMatchObject({ status: 'recorded', invoice_id: draft.id, amount_money: usd(5000), method: 'wire', reference: 'WIRE-1' });
    expect(await getInvoice(draft.id)).toMatchObject({ status: 'partially_paid', amount_paid_money: usd(5000), amount_remaining_money: usd(5000) });

    const card = (await t.http.post(`/v1/invoices/${draft.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(200)).body.data;
    expect(card).toMatchObject({ status: 'succeeded', captured_money: usd(5000), capture_method: 'automatic' });

    expect(await getInvoice(draft.id)).toMatchObject({ status: 'paid', amount_paid_money: usd(10000), amount_remaining_money: usd(0) });
    const after = await getOrder(order.id);
    expect(after.payment_status).toBe('paid');
    expect(after.amounts).toMatchObject({ paid_money: usd(10000), outstanding_money: usd(0) });
    expect(after.manual_payments).toEqual([expect.objectContaining({ manual_payment_id: wire.id, status: 'recorded', amount_money: usd(5000) })]);
    expect(await types(order.id)).toEqual(expect.arrayContaining(['PaymentFailed', 'InvoiceCreated', 'InvoiceIssued', 'ManualPaymentRecorded', 'PaymentCaptured']));
    // Paid: nothing more is taken, by hand or by card.
    expect((await t.http.post(`/v1/invoices/${draft.id}/manual-payments`).set(auth).send({ amount_money: usd(1), method: 'cash', received_at: '2026-01-06' }).expect(422)).body.error.code).toBe('NOTHING_OUTSTANDING');
    expect((await t.http.post(`/v1/invoices/${draft.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(409)).body.error.code).toBe('INVOICE_PAID');
    await agree(order.id, draft.id);
  });

  it('(b) a check is recorded, then reversed (bounced) → the balance reopens → paid by bank transfer', async () => {
    const invoice = (
      await t.http
        .post('/v1/invoices')
        .set(auth)
        .send({ customer_id: CUSTOMER, currency: 'USD', line_items: [{ name: 'Annual licence', quantity: 1, unit_price_money: usd(12000) }] })
        .expect(201)
    ).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    const check = (await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(12000), method: 'check', received_at: '2026-02-01', reference: 'CHK-1001' }).expect(201)).body.data;
    expect(await getInvoice(invoice.id)).toMatchObject({ status: 'paid' });

    const reversed = (await t.http.post(`/v1/invoices/${invoice.id}/manual-payments/${check.id}/reverse`).set(auth).send({ reason: 'check bounced' }).expect(200)).body.data;
    expect(reversed).toMatchObject({ status: 'reversed', reversal_reason: 'check bounced' });
    expect(await getInvoice(invoice.id)).toMatchObject({ status: 'open', amount_remaining_money: usd(12000), amount_paid_money: usd(0) });
    expect((await getOrder(invoice.order_id)).amounts).toMatchObject({ paid_money: usd(0), outstanding_money: usd(12000) });
    const again = await t.http.post(`/v1/invoices/${invoice.id}/manual-payments/${check.id}/reverse`).set(auth).send({ reason: 'twice' }).expect(409);
    expect(again.body.error.code).toBe('MANUAL_PAYMENT_ALREADY_REVERSED');

    await t.http.post(`/v1/orders/${invoice.order_id}/manual-payments`).set(auth).send({ amount_money: { amount: 12000, currency: 'USD' }, method: 'bank_transfer', received_at: '2026-02-10'}).expect(201);
    expect(await getInvoice(invoice.id)).toMatchObject({ status: 'paid', amount_paid_money: usd(12000) });
    expect((await getInvoice(invoice.id)).manual_payments.map((mp: { method: string; status: string }) => `${mp.method}:${mp.status}`)).toEqual(['check:reversed', 'bank_transfer:recorded']);
    const timeline = (await t.http.get(`/v1/orders/${invoice.order_id}/timeline`).set(auth).expect(200)).body.data;
    const reversal = timeline.find((e: { type: string }) => e.type === 'ManualPaymentReversed');
    expect(reversal.summary).toContain('check bounced');
    expect(reversal.amounts_after.outstanding_money).toEqual(usd(12000));
    await agree(invoice.order_id, invoice.id);
  });

  it('(c) an invoice goes overdue with reminders as the clock advances, then is marked uncollectible', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id, days_until_due: 10 }).expect(201)).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(2000), method: 'cash', received_at: new Date(clock.now()).toISOString() }).expect(201);
    const scheduler = t.app.get(InvoiceScheduler);
    const kinds = async () => (await getInvoice(invoice.id)).reminders.map((r: { kind: string }) => r.kind);

    await scheduler.runOnce();
    expect(await kinds()).toEqual([]);
    clock.advanceDays(7.5); // 2.5 days before due
    await scheduler.runOnce();
    expect(await kinds()).toEqual(['before_due']);
    await scheduler.runOnce();
    expect(await kinds()).toEqual(['before_due']);
    clock.advanceDays(3); // half a day past due
    await scheduler.runOnce();
    expect(await getInvoice(invoice.id)).toMatchObject({ overdue: true, status: 'partially_paid' });
    expect(await kinds()).toEqual(['before_due', 'due']);
    clock.advanceDays(1);
    await scheduler.runOnce();
    clock.advanceDays(20);
    await scheduler.runOnce();
    expect(await kinds()).toEqual(['before_due', 'due', 'overdue', 'overdue']);
    const overdueList = (await t.http.get('/v1/invoices?overdue=true').set(auth).expect(200)).body.data.map((i: { id: string }) => i.id);
    expect(overdueList).toContain(invoice.id);

    const written = (await t.http.post(`/v1/invoices/${invoice.id}/mark-uncollectible`).set(auth).expect(200)).body.data;
    expect(written).toMatchObject({ status: 'uncollectible', amount_written_off_money: usd(8000), amount_remaining_money: usd(0) });
    const after = await getOrder(order.id);
    expect(after.amounts).toMatchObject({ paid_money: usd(2000), written_off_money: usd(8000), outstanding_money: usd(0) });
    await scheduler.runOnce();
    expect(await kinds()).toEqual(['before_due', 'due', 'overdue', 'overdue']);
    expect(await types(order.id)).toEqual(expect.arrayContaining(['InvoiceReminderSent', 'InvoiceMarkedOverdue', 'InvoiceMarkedUncollectible']));
    await agree(order.id, invoice.id);
  });

  it('numbers invoices 1, 2, 3… per merchant and mode, even when issued concurrently', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 5 }, async () => (await t.http.post('/v1/invoices').set(auth).send({ order_id: (await order100()).id }).expect(201)).body.data.id as string),
    );
    const numbers = (await Promise.all(drafts.map((id) => t.http.post(`/v1/invoices/${id}/issue`).set(auth).expect(200)))).map((r) => r.body.data.number as string);
    expect(new Set(numbers).size).toBe(5);
    const other = (await t.http.post('/v1/invoices').set(bearer(t.keys.bTest)).send({ customer_id: 'cus_0000000000000000merchantB', currency: 'USD', line_items: [{ name: 'x', quantity: 1, unit_price_money: usd(100) }] }).expect(201)).body.data;
    expect((await t.http.post(`/v1/invoices/${other.id}/issue`).set(bearer(t.keys.bTest)).expect(200)).body.data.number).toBe('INV-000001');
  });

  it('a card payment and a manual payment racing on the same invoice never both apply beyond the balance', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await order100();
      const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
      await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
      const [card, cash] = await Promise.all([
        t.http.post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }),
        t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(10000), method: 'cash', received_at: '2026-01-01' }),
      ]);
      const after = await getOrder(order.id);
      expect(after.amounts.paid_money.amount).toBeLessThanOrEqual(10000);
      expect(after.amounts.outstanding_money.amount).toBeGreaterThanOrEqual(0);
      const applied = [card.status === 200 && card.body.data.status === 'succeeded', cash.status === 201].filter(Boolean);
      expect(applied).toHaveLength(1);
      if (cash.status !== 201) expect(['INVOICE_PAYMENT_RESOLVING', 'NOTHING_OUTSTANDING', 'ORDER_CONFLICT']).toContain(cash.body.error.code);
      if (card.status !== 200) expect(['NOTHING_OUTSTANDING', 'INVOICE_PAID', 'ORDER_CONFLICT']).toContain(card.body.error.code);
    }
  });

  it('refuses what breaks the rules with stable codes and writes nothing', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    expect((await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(409)).body.error.code).toBe('ORDER_ALREADY_INVOICED');
    expect((await t.http.post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({ payment_method: { token: 'tok_visa' } }).expect(409)).body.error.code).toBe('INVOICE_NOT_OPEN');
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    expect((await t.http.patch(`/v1/invoices/${invoice.id}`).set(auth).send({ memo: 'late' }).expect(409)).body.error.code).toBe('INVOICE_NOT_DRAFT');
    const over = await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(10001), method: 'wire', received_at: '2026-01-01' }).expect(422);
    expect(over.body.error.code).toBe('AMOUNT_EXCEEDS_OUTSTANDING');
    expect((await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(100), method: 'paypal', received_at: '2026-01-01' }).expect(400)).body.error.code).toBe('INVALID_FIELD');
    expect((await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: { amount: 100, currency: 'EUR' }, method: 'wire', received_at: '2026-01-01'}).expect(422)).body.error.code).toBe('CURRENCY_MISMATCH');
    expect((await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(100), method: 'wire', received_at: '2999-01-01' }).expect(400)).body.error.code).toBe('INVALID_RECEIVED_AT');
    expect((await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(409)).body.error.code).toBe('ORDER_HELD_BY_INVOICE');
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(100), method: 'wire', received_at: '2026-01-01' }).expect(201);
    expect((await t.http.post(`/v1/invoices/${invoice.id}/void`).set(auth).send({}).expect(409)).body.error.code).toBe('INVOICE_HAS_PAYMENTS');
    expect((await getOrder(order.id)).amounts.paid_money).toEqual(usd(100));
    expect((await t.http.post('/v1/invoices').set(auth).send({ currency: 'USD', line_items: [{ name: 'x', quantity: 1, unit_price_money: usd(100) }] }).expect(422)).body.error.code).toBe('CUSTOMER_REQUIRED');
  });

  it('voiding releases the order: its items can change again, and a new invoice can bill it', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    expect((await t.http.post(`/v1/invoices/${invoice.id}/void`).set(auth).send({ reason: 'wrong amount' }).expect(200)).body.data).toMatchObject({ status: 'void', void_reason: 'wrong amount' });
    await t.http.patch(`/v1/orders/${order.id}/line-items/${order.line_items[0].id}`).set(auth).send({ quantity: 2 }).expect(200);
    const next = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    expect(next.amount_due_money).toEqual(usd(5000));
  });

  it('another merchant’s invoice answers 404 like an unknown one, and lists hide it', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    const b = bearer(t.keys.bTest);
    const foreign = await t.http.get(`/v1/invoices/${invoice.id}`).set(b).expect(404);
    const unknown = await t.http.get('/v1/invoices/inv_0000000000000000unknown1').set(b).expect(404);
    expect(foreign.body.error.code).toBe(unknown.body.error.code);
    expect((await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(b).expect(404)).body.error.code).toBe('INVOICE_NOT_FOUND');
    expect((await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(b).send({ amount_money: usd(1), method: 'cash', received_at: '2026-01-01' }).expect(404)).body.error.code).toBe('ORDER_NOT_FOUND');
    expect((await t.http.get(`/v1/invoices?customer_id=${CUSTOMER}`).set(b).expect(200)).body.data).toEqual([]);
  });

  it('refuses impossible dates and reversed ranges with 400, never a 500', async () => {
    const order = await order100();
    for (const due_date of ['2026-13-01', '2026-02-30', '2026-00-10']) {
      expect((await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id, due_date }).expect(400)).body.error.code).toBe('INVALID_FIELD');
    }
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    expect((await t.http.patch(`/v1/invoices/${invoice.id}`).set(auth).send({ due_date: '2026-02-29' }).expect(400)).body.error.field).toBe('due_date');
    for (const q of ['due_from=2026-13-01T00:00Z', 'due_to=2026-01-01T10:61Z', 'due_from=2026-02-30', 'due_from=2026-03-02&due_to=2026-03-01']) {
      expect((await t.http.get(`/v1/invoices?${q}`).set(auth).expect(400)).body.error.code).toBe('INVALID_FIELD');
    }
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    for (const received_at of ['2026-02-30', '2026-02-31T10:00+14:00', 'yesterday']) {
      expect((await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(100), method: 'wire', received_at }).expect(400)).body.error.code).toBe('INVALID_FIELD');
    }
    expect((await getOrder(order.id)).amounts.paid_money).toEqual(usd(0));
  });

  it('a retried invoice payment whose answer was lost answers with the same payment, never a second charge', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    const key = `pay-${invoice.id}`;
    const first = (await t.http.post(`/v1/invoices/${invoice.id}/pay`).set(auth).set('Idempotency-Key', key).send({ payment_method: { token: 'tok_visa' } }).expect(200)).body.data;
    // What a crash after the charge but before the answer was stored leaves behind.
    t.db.prepare("UPDATE idempotency_keys SET state = 'in_progress', owner = 'a-process-that-died', status_code = NULL, response = NULL WHERE key = ?").run(key);
    const retry = (await t.http.post(`/v1/invoices/${invoice.id}/pay`).set(auth).set('Idempotency-Key', key).send({ payment_method: { token: 'tok_visa' } }).expect(200)).body.data;
    expect(retry.id).toBe(first.id);
    expect((await getOrder(order.id)).payments).toHaveLength(1);
  });

  it('a draft follows the order; the customer of an invoiced order cannot change; closing voids a draft', async () => {
    const order = await order100();
    const draft = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    await t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: 'Travel', quantity: 1, unit_price_money: usd(3500) }).expect(200);
    expect((await getInvoice(draft.id)).amount_due_money).toEqual(usd(13500));
    const change = await t.http.patch(`/v1/orders/${order.id}`).set(auth).send({ customer_id: null }).expect(409);
    expect(change.body.error.code).toBe('ORDER_HELD_BY_INVOICE');
    await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({ reason: 'canceled' }).expect(200);
    expect(await getInvoice(draft.id)).toMatchObject({ status: 'void', void_reason: 'order closed' });
  });

  it('an abandoned 3-D Secure payment blocks offline money with a retryable 409; once cancelled, the same Idempotency-Key records it', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    const challenged = (await t.http.post(`/v1/invoices/${invoice.id}/pay`).set(auth).send({ payment_method: { token: 'tok_threeDSecureRequired' } }).expect(200)).body.data;
    expect(challenged.status).toBe('requires_action');
    const wire = { amount_money: usd(10000), method: 'wire', received_at: '2026-01-02' };
    const key = `wire-${invoice.id}`;
    const blocked = await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).set('Idempotency-Key', key).send(wire).expect(409);
    expect(blocked.body.error.code).toBe('INVOICE_PAYMENT_RESOLVING');
    expect((await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(409)).body.error.code).toBe('PAYMENT_IN_PROGRESS');
    await t.http.post(`/v1/payment-intents/${challenged.id}/cancel`).set(auth).send({}).expect(200);
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).set('Idempotency-Key', key).send(wire).expect(201);
    expect((await getInvoice(invoice.id)).status).toBe('paid');
  });

  it('a check that bounces after the order was closed reopens its balance: the invoice is owed again and offline money settles it', async () => {
    const order = await order100();
    const invoice = (await t.http.post('/v1/invoices').set(auth).send({ order_id: order.id }).expect(201)).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    const check = (await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(10000), method: 'check', received_at: '2026-01-02' }).expect(201)).body.data;
    await t.http.post(`/v1/orders/${order.id}/close`).set(auth).send({}).expect(200);
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments/${check.id}/reverse`).set(auth).send({ reason: 'check bounced' }).expect(200);
    expect(await getInvoice(invoice.id)).toMatchObject({ status: 'open', amount_remaining_money: usd(10000) });
    expect((await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(10001), method: 'wire', received_at: '2026-01-03' }).expect(422)).body.error.code).toBe('AMOUNT_EXCEEDS_OUTSTANDING');
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(10000), method: 'wire', received_at: '2026-01-03' }).expect(201);
    expect(await getInvoice(invoice.id)).toMatchObject({ status: 'paid', amount_remaining_money: usd(0) });
    expect((await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ amount_money: usd(1), method: 'cash', received_at: '2026-01-03' }).expect(409)).body.error.code).toBe('ORDER_CLOSED');
  });

  it('money received by wire is refunded by hand (a manual refund): refunded and net_paid move, a card refund cannot take it', async () => {
    const order = await order100();
    const wire = (await t.http.post(`/v1/orders/${order.id}/manual-payments`).set(auth).send({ amount_money: usd(10000), method: 'wire', received_at: '2026-01-02' }).expect(201)).body.data;
    const card = await t.http.post('/v1/refunds').set(auth).send({ order_id: order.id, amount_money: usd(100)}).expect(422);
    expect(card.body.error.code).toBe('PAYMENT_NOT_CAPTURED');
    expect(card.body.error.message).toContain('manual refund');
    const refund = (
      await t.http.post(`/v1/orders/${order.id}/manual-refunds`).set(auth).send({ amount_money: usd(2500), method: 'bank_transfer', refunded_at: '2026-01-05', reference: 'TRF-1', reason: 'requested_by_customer' }).expect(201)
    ).body.data;
    expect(refund).toMatchObject({ object: 'manual_refund', amount_money: usd(2500), method: 'bank_transfer', reference: 'TRF-1' });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({ payment_status: 'paid', refund_status: 'partially_refunded' });
    expect(after.amounts).toMatchObject({ paid_money: usd(10000), refunded_money: usd(2500), net_paid_money: usd(7500), outstanding_money: usd(0) });
    expect(after.manual_refunds).toEqual([expect.objectContaining({ manual_refund_id: refund.id, amount_money: usd(2500) })]);
    expect((await t.http.post(`/v1/orders/${order.id}/manual-refunds`).set(auth).send({ amount_money: usd(7501), method: 'cash', refunded_at: '2026-01-05' }).expect(422)).body.error.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    expect((await t.http.post(`/v1/orders/${order.id}/manual-payments/${wire.id}/reverse`).set(auth).send({ reason: 'recalled' }).expect(409)).body.error.code).toBe('MANUAL_PAYMENT_REFUNDED');
    expect((await t.http.post(`/v1/orders/${order.id}/manual-refunds`).set(auth).send({ amount_money: usd(1), method: 'cash', refunded_at: '2026-02-30' }).expect(400)).body.error.code).toBe('INVALID_FIELD');
    expect(await types(order.id)).toContain('ManualRefundRecorded');
    const offline = (await t.http.get(`/v1/orders/${order.id}/timeline?type=manual_payment`).set(auth).expect(200)).body.data.map((e: { type: string }) => e.type);
    expect(offline).toEqual(['ManualPaymentRecorded', 'ManualRefundRecorded']);
  });

  it('replaying the log from 0 rebuilds invoices, receivables, orders, both timelines and payments identically', async () => {
    const tables: [string, string][] = [
      ['invoices', 'id'],
      ['orders', 'id'],
      ['order_timeline', 'position'],
      ['payment_intents', 'id'],
      ['refunds', 'id'],
    ];
    const dump = () => tables.map(([name, key]) => t.db.prepare(`SELECT * FROM ${name} ORDER BY ${key}`).all());
    const before = dump();
    expect((before[0] as unknown[]).length).toBeGreaterThan(10);
    const answers = async () => [
      (await t.http.get(`/v1/invoices?customer_id=${CUSTOMER}&page_size=100`).set(auth).expect(200)).body.data,
      (await t.http.get('/v1/invoices?status=paid&page_size=100').set(auth).expect(200)).body.data,
      { ...(await t.http.get(`/v1/customers/${CUSTOMER}/receivables`).set(auth).expect(200)).body.data, as_of: null },
      { ...(await t.http.get('/v1/reports/receivables-aging').set(auth).expect(200)).body.data, as_of: null },
      (await t.http.get(`/v1/customers/${CUSTOMER}/timeline?page_size=100`).set(auth).expect(200)).body.data,
    ];
    const served = await answers();
    await t.app.get(ProjectionRunner).rebuild();
    expect(dump()).toEqual(before);
    expect(await answers()).toEqual(served);
  });
});
