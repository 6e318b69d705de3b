import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Another merchant's order, or a live order seen with a test key, must be indistinguishable
 * from an order that does not exist: the same 404, the same code, and nothing written.
 */
describe('Tenancy on every order route (e2e)', () => {
  let t: TestApp;
  let orderA: { id: string; line_items: { id: string }[]; discounts: { id: string }[]; taxes: { id: string }[] };
  let liveOrder: typeof orderA;

  const create = (key: string) =>
    t.http
      .post('/v1/orders')
      .set(bearer(key))
      .send({
        currency: 'USD',
        line_items: [{ name: 'Chair', quantity: 1, unit_price_money: usd(9900) }],
        discounts: [{ name: 'd', percentage: '5' }],
        taxes: [{ name: 't', percentage: '7' }],
        tip: { percentage: '10' },
      })
      .expect(201)
      .then((r) => r.body.data);

  beforeAll(async () => {
    t = await startTestApp();
    orderA = await create(t.keys.aTest);
    liveOrder = await create(t.keys.aLive);
  });
  afterAll(() => t.close());

  const routes = (o: typeof orderA): [string, string, object?][] => [
    ['get', `/v1/orders/${o.id}`],
    ['get', `/v1/orders/${o.id}/timeline`],
    ['patch', `/v1/orders/${o.id}`, { notes: 'x' }],
    ['post', `/v1/orders/${o.id}/line-items`, { name: 'x', quantity: 1, unit_price_money: usd(1) }],
    ['patch', `/v1/orders/${o.id}/line-items/${o.line_items[0].id}`, { quantity: 2 }],
    ['delete', `/v1/orders/${o.id}/line-items/${o.line_items[0].id}`],
    ['post', `/v1/orders/${o.id}/discounts`, { name: 'x', percentage: '1' }],
    ['delete', `/v1/orders/${o.id}/discounts/${o.discounts[0].id}`],
    ['post', `/v1/orders/${o.id}/taxes`, { name: 'x', percentage: '1' }],
    ['delete', `/v1/orders/${o.id}/taxes/${o.taxes[0].id}`],
    ['post', `/v1/orders/${o.id}/tip`, { percentage: '1' }],
    ['delete', `/v1/orders/${o.id}/tip`],
    ['post', `/v1/orders/${o.id}/close`, {}],
  ];

  async function expectNotFound(key: string, order: typeof orderA) {
    const events = () => (t.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    for (const [method, path, body] of routes(order)) {
      const before = events();
      const req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path).set(bearer(key));
      const res = await (body ? req.send(body) : req);
      expect({ route: `${method} ${path}`, status: res.status, code: res.body.error?.code }).toEqual({
        route: `${method} ${path}`,
        status: 404,
        code: 'ORDER_NOT_FOUND',
      });
      expect(events()).toBe(before);
    }
  }

  it("merchant B's key gets 404 ORDER_NOT_FOUND for merchant A's order on every route", async () => {
    await expectNotFound(t.keys.bTest, orderA);
  });

  it('a test key gets 404 for a live order of the same merchant on every route', async () => {
    await expectNotFound(t.keys.aTest, liveOrder);
  });

  it("lists never show another merchant's or another mode's orders", async () => {
    const b = await t.http.get('/v1/orders').set(bearer(t.keys.bTest)).expect(200);
    expect(b.body.data).toEqual([]);
    const live = await t.http.get('/v1/orders').set(bearer(t.keys.aLive)).expect(200);
    expect(live.body.data.map((o: { id: string }) => o.id)).toEqual([liveOrder.id]);
  });

  it('the owner still sees and changes its order', async () => {
    await t.http.get(`/v1/orders/${orderA.id}`).set(bearer(t.keys.aTest)).expect(200);
    await t.http.post(`/v1/orders/${orderA.id}/close`).set(bearer(t.keys.aTest)).send({}).expect(200);
  });
});
