import { bearer, eventCount, startTestApp, usd, type TestApp } from '../support/test-app.js';

/** The fastify adapter is a configuration switch: the same conventions hold on it. */
describe('fastify adapter (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Swagger UI on fastify loads @fastify/static with a dynamic import that Jest's ESM VM cannot
    // serve; /docs on fastify is checked against the built app instead (docs/development.md).
    t = await startTestApp({ httpAdapter: 'fastify', apiReference: false });
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
    const other = await t.http.get('/v1/orders/ord_000000000000000000000000').set(bearer(t.keys.bTest)).expect(404);
    expect(other.body.error.code).toBe('ORDER_NOT_FOUND');
    await t.http.get('/v1/orders').expect(401);
    expect(eventCount(t.db)).toBe(before);
  });
});
