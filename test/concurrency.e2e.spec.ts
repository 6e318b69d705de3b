import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('Concurrent writers on one order (e2e)', () => {
  let t: TestApp;

  afterEach(() => t?.close());

  async function race(retries: number) {
    t = await startTestApp({ commandRetries: retries });
    const auth = bearer(t.keys.aTest);
    const order = (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD' }).expect(201)).body.data;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).send({ name: `item ${i}`, quantity: 1, unit_price_money: usd(100 + i) }),
      ),
    );
    const applied = answers.map((a, i) => ({ status: a.status, name: `item ${i}` })).filter((a) => a.status === 200);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(applied.length + conflicts.length).toBe(50);
    for (const c of conflicts) expect(c.body.error.code).toBe('ORDER_CONFLICT');
    const final = (await t.http.get(`/v1/orders/${order.id}`).set(auth).expect(200)).body.data;
    const appliedNames = applied.map((a) => a.name);
    expect(final.line_items.map((l: { name: string }) => l.name).sort()).toEqual(appliedNames.sort());
    const expectedTotal = final.line_items.reduce((s: number, l: { unit_price_money: { amount: number } }) => s + l.unit_price_money.amount, 0);
    expect(final.amounts.total_money).toEqual(usd(expectedTotal));
    return { applied: applied.length, conflicts: conflicts.length };
  }

  it('50 concurrent line-item additions: each is applied or answered 409, the order has exactly the applied ones', async () => {
    const { applied } = await race(5);
    expect(applied).toBeGreaterThan(0);
  });

  it('without retries, whatever is answered 200 is in the order and nothing else is', async () => {
    const { applied } = await race(0);
    expect(applied).toBeGreaterThan(0);
  });
});
