import { givenCustomers } from '../support/customers.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from '../support/test-app.js';

/** The fastify adapter is a configuration switch: the same conventions hold on it. */
describe('fastify adapter (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Swagger UI on fastify loads @fastify/static with a dynamic import that Jest's ESM VM cannot
    // serve; /docs on fastify is checked against the built app instead (docs/development.md).
    t = await startTestApp({ httpAdapter: 'fastify', apiReference: false });
    await givenCustomers(t, ['cus_0000000000000000fastify1']);
    await (t.app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  });
  afterAll(() => t.close());

  it('creates and reads an order with the same envelope', async () => {
    const created = await t.http
      .post('/v1/orders')
      .set(bearer(t.keys.aTest))
      .set('Idempotency-Key', 'fastify-1')
      .send({ currency: 'USD', line_items: [{ name: 'Cap', quantity: 2, unit_price_money: usd(1500) }] })
      .expect(201);
    expect(created.body.data.amounts.total_money).toEqual(usd(3000));
    expect(created.body.request_id).toMatch(/^req_/);
    expect(created.headers['request-id']).toBe(created.body.request_id);
    const replay = await t.http
      .post('/v1/orders')
      .set(bearer(t.keys.aTest))
      .set('Idempotency-Key', 'fastify-1')
      .send({ currency: 'USD', line_items: [{ name: 'Cap', quantity: 2, unit_price_money: usd(1500) }] })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const got = await t.http.get(`/v1/orders/${created.body.data.id}`).set(bearer(t.keys.aTest)).expect(200);
    expect(got.body.data.id).toBe(created.body.data.id);
  });

  it('answers bad input with the same codes', async () => {
    const before = eventCount(t.db);
    const malformed = await t.http.post('/v1/orders').set(bearer(t.keys.aTest)).set('Content-Type', 'application/json').send('{"currency":').expect(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(malformed.headers['request-id']).toBe(malformed.body.error.request_id);
    const unknown = await t.http.post('/v1/orders').set(bearer(t.keys.aTest)).send({ currency: 'USD', total: 1 }).expect(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_FIELD');
    const deep = `{"currency":"USD","line_items":${'['.repeat(1313)}1${']'.repeat(1313)}}`;
    const tooDeep = await t.http.post('/v1/orders').set(bearer(t.keys.aTest)).set('Content-Type', 'application/json').send(deep).expect(400);
    expect(tooDeep.body.error.code).toBe('BODY_TOO_DEEP');
    const other = await t.http.get('/v1/orders/ord_000000000000000000000000').set(bearer(t.keys.bTest)).expect(404);
    expect(other.body.error.code).toBe('ORDER_NOT_FOUND');
    await t.http.get('/v1/orders').expect(401);
    expect(eventCount(t.db)).toBe(before);
  });

  it('runs the payment and invoice routes the same way: pay by card, invoice, manual payment, receivables, timeline filters', async () => {
    const auth = bearer(t.keys.aTest);
    const customer = 'cus_0000000000000000fastify1';
    const paid = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 1200, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    expect(paid).toMatchObject({ status: 'succeeded', captured_money: usd(1200) });
    const invoice = (
      await t.http.post('/v1/invoices').set(auth).send({ customer_id: customer, currency: 'USD', line_items: [{ name: 'Audit', quantity: 1, unit_price_money: usd(9000) }] }).expect(201)
    ).body.data;
    await t.http.post(`/v1/invoices/${invoice.id}/issue`).set(auth).expect(200);
    await t.http.post(`/v1/invoices/${invoice.id}/manual-payments`).set(auth).send({ amount_money: usd(4000), method: 'wire', received_at: '2026-01-02' }).expect(201);
    const receivables = (await t.http.get(`/v1/customers/${customer}/receivables`).set(auth).expect(200)).body.data;
    expect(receivables.by_currency).toEqual([expect.objectContaining({ currency: 'USD', outstanding_money: usd(5000) })]);
    const manualOnly = (await t.http.get(`/v1/orders/${invoice.order_id}/timeline?type=manual_payment`).set(auth).expect(200)).body.data;
    expect(manualOnly.map((e: { type: string }) => e.type)).toEqual(['ManualPaymentRecorded']);
    expect((await t.http.get('/v1/invoices?due_from=2026-02-30').set(auth).expect(400)).body.error.code).toBe('INVALID_FIELD');
  });
});

describe('fastify adapter: rate limits (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ httpAdapter: 'fastify', apiReference: false, rateLimitWritesPerSecond: 1 });
    await givenCustomers(t, ['cus_0000000000000000fastify1']);
    await (t.app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  });
  afterAll(() => t.close());

  it('sends RateLimit-* headers and answers a burst with 429 RATE_LIMITED and Retry-After', async () => {
    const body = { currency: 'USD' };
    const ok = await t.http.post('/v1/orders').set(bearer(t.keys.aTest)).send(body).expect(201);
    expect(ok.headers['ratelimit-limit']).toBe('1');
    const refused = await t.http.post('/v1/orders').set(bearer(t.keys.aTest)).send(body).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('1');
  });
});
