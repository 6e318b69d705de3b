import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Optimistic concurrency for integrators (issue 8.3): every order answer carries `version` and
 * an ETag; If-Match on a mutating order route applies the change only at that version, else
 * 412 VERSION_MISMATCH with nothing written.
 */
describe('If-Match and ETag on orders (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  const newOrder = async () => (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4000) }] }).expect(201));

  it('answers carry version and a matching ETag, on writes and reads alike', async () => {
    const created = await newOrder();
    expect(created.headers.etag).toBe(`"${created.body.data.version}"`);
    const read = await t.http.get(`/v1/orders/${created.body.data.id}`).set(auth).expect(200);
    expect(read.headers.etag).toBe(created.headers.etag);
  });

  it('a stale If-Match is refused with 412 VERSION_MISMATCH and nothing is written; the current one applies', async () => {
    const created = await newOrder();
    const id = created.body.data.id;
    const stale = created.headers.etag;
    await t.http.patch(`/v1/orders/${id}`).set(auth).send({ notes: 'first' }).expect(200); // someone else moved it on
    const before = eventCount(t.db);
    const refused = await t.http.patch(`/v1/orders/${id}`).set(auth).set('If-Match', stale).send({ notes: 'second' }).expect(412);
    expect(refused.body.error).toMatchObject({ type: 'conflict_error', code: 'VERSION_MISMATCH', field: 'If-Match' });
    expect(eventCount(t.db)).toBe(before);
    expect((await t.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.data.notes).toBe('first');

    const current = (await t.http.get(`/v1/orders/${id}`).set(auth).expect(200)).headers.etag;
    const applied = await t.http.post(`/v1/orders/${id}/line-items`).set(auth).set('If-Match', current).send({ name: 'Shade', quantity: 1, unit_price_money: usd(500) }).expect(200);
    expect(applied.body.data.line_items).toHaveLength(2);
    expect(applied.headers.etag).not.toBe(current);
    // Weak, bare and `*` forms are understood.
    await t.http.patch(`/v1/orders/${id}`).set(auth).set('If-Match', `W/${applied.headers.etag}`).send({ notes: 'weak' }).expect(200);
    await t.http.patch(`/v1/orders/${id}`).set(auth).set('If-Match', '*').send({ notes: 'any' }).expect(200);
  });

  it('of two writers holding the same version, exactly one wins; the other gets 412', async () => {
    const created = await newOrder();
    const id = created.body.data.id;
    const etag = created.headers.etag;
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((n) => t.http.patch(`/v1/orders/${id}`).set(auth).set('If-Match', etag).send({ notes: n })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412]);
  });

  it('a payment started with If-Match runs all its steps (the precondition is the first write only)', async () => {
    const created = await newOrder();
    const paid = await t.http.post(`/v1/orders/${created.body.data.id}/pay`).set(auth).set('If-Match', created.headers.etag).send({ payment_method: { token: 'tok_visa' } }).expect(200);
    expect(paid.body.data.status).toBe('succeeded');
    const stale = await t.http.post(`/v1/orders/${created.body.data.id}/close`).set(auth).set('If-Match', created.headers.etag).send({}).expect(412);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');
  });

  it('refuses a malformed If-Match (400 INVALID_IF_MATCH) and If-Match where it cannot be honoured (400 IF_MATCH_NOT_SUPPORTED)', async () => {
    const created = await newOrder();
    expect((await t.http.patch(`/v1/orders/${created.body.data.id}`).set(auth).set('If-Match', 'yesterday').send({ notes: 'x' }).expect(400)).body.error.code).toBe('INVALID_IF_MATCH');
    expect((await t.http.post('/v1/orders').set(auth).set('If-Match', '"42"').send({ currency: 'USD' }).expect(400)).body.error.code).toBe('IF_MATCH_NOT_SUPPORTED');
    expect((await t.http.post('/v1/invoices').set(auth).set('If-Match', '"1"').send({ order_id: created.body.data.id, customer_id: 'cus_IfMatch0000000001' }).expect(400)).body.error.code).toBe('IF_MATCH_NOT_SUPPORTED');
  });
});
