import { jest } from '@jest/globals';
import { OrdersProjection } from '../apps/api/src/orders/read-model/orders.projection.js';
import { IdempotencyJanitor } from '../apps/api/src/platform/idempotency/idempotency-janitor.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

describe('Idempotency-Key (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  const body = { currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4200) }] };

  beforeAll(async () => {
    t = await startTestApp();
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  it('replays the stored answer for the same key and request, marked as replayed, writing nothing', async () => {
    const first = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'replay-1').send(body).expect(201);
    const before = eventCount(t.db);
    const again = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'replay-1').send({ line_items: body.line_items, currency: 'USD' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect(again.body.request_id).toBe(first.body.request_id);
    expect(again.body.meta).toEqual({ idempotent_replayed: true });
    expect(eventCount(t.db)).toBe(before);
  });

  it('refuses the same key with a different request (409 IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
    await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'mismatch-1').send(body).expect(201);
    const before = eventCount(t.db);
    const res = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'mismatch-1').send({ ...body, currency: 'EUR' }).expect(409);
    expect(res.body.error).toMatchObject({ type: 'conflict_error', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(eventCount(t.db)).toBe(before);
  });

  it('20 concurrent requests with one key make exactly one order and one set of events', async () => {
    const before = eventCount(t.db);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'storm-1').send(body)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.status === 201);
    expect(new Set(created.map((a) => a.body.data.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    // OrderCreated + one LineItemAdded
    expect(eventCount(t.db) - before).toBe(2);
    const keyed = t.db.prepare("SELECT COUNT(*) AS n FROM events WHERE json_extract(metadata, '$.idempotency_key') = 'storm-1'").get() as { n: number };
    expect(keyed.n).toBe(2);
    // A later retry gets the stored answer.
    const later = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'storm-1').send(body).expect(201);
    expect(later.body.data.id).toBe(created[0].body.data.id);
  });

  it('scopes keys per merchant: the same key from another merchant is a new request', async () => {
    const a = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'shared-key').send(body).expect(201);
    const b = await t.http.post('/v1/orders').set(bearer(t.keys.bTest)).set('Idempotency-Key', 'shared-key').send(body).expect(201);
    expect(b.body.data.id).not.toBe(a.body.data.id);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores business-rule refusals and replays them', async () => {
    const order = (await t.http.post('/v1/orders').set(auth).send(body).expect(201)).body.data;
    const send = () =>
      t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).set('Idempotency-Key', 'refusal-1').send({ name: 'x', quantity: 1, unit_price_money: { amount: 1, currency: 'EUR' } });
    const first = await send().expect(422);
    const again = await send().expect(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('does not store validation failures: the corrected request may reuse the key', async () => {
    await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'fix-me').send({ currency: 'USD', surprise: true }).expect(400);
    await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'fix-me').send(body).expect(201);
  });

  it('forgets a key after the 24 h retention: the same key then makes a new order', async () => {
    const first = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'old-key').send(body).expect(201);
    t.db.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = 'old-key'").run();
    const removed = await t.app.get(IdempotencyJanitor).sweep();
    expect(removed).toBeGreaterThanOrEqual(1);
    const again = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'old-key').send(body).expect(201);
    expect(again.body.data.id).not.toBe(first.body.data.id);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a failure after the facts were appended (500) does not free the key for a second effect', async () => {
    const failOnce = jest.spyOn(OrdersProjection.prototype, 'endBatch').mockImplementationOnce(() => {
      throw new Error('projection failure injected by the test');
    });
    const before = eventCount(t.db);
    const failed = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'late-failure').send(body).expect(500);
    expect(failed.body.error.code).toBe('INTERNAL_ERROR');
    failOnce.mockRestore();
    expect(eventCount(t.db) - before).toBe(2);
    const retry = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'late-failure').send(body).expect(201);
    expect(eventCount(t.db) - before).toBe(2);
    const orders = t.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'OrderCreated' AND json_extract(metadata, '$.idempotency_key') = 'late-failure'").get() as { n: number };
    expect(orders.n).toBe(1);
    await t.http.get(`/v1/orders/${retry.body.data.id}`).set(auth).expect(200);
    const other = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'late-failure').send({ ...body, currency: 'EUR' }).expect(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a key reused after its retention applies the new request instead of mistaking it for the old one', async () => {
    const order = (await t.http.post('/v1/orders').set(auth).send(body).expect(201)).body.data;
    const add = (name: string) => t.http.post(`/v1/orders/${order.id}/line-items`).set(auth).set('Idempotency-Key', 'daily').send({ name, quantity: 1, unit_price_money: usd(100) });
    await add('first').expect(200);
    t.db.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = 'daily'").run();
    const second = await add('second').expect(200);
    expect(second.body.data.line_items.map((l: { name: string }) => l.name)).toEqual(['Lamp', 'first', 'second']);
  });

  it('rejects a malformed key', async () => {
    const res = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'x'.repeat(300)).send(body).expect(400);
    expect(res.body.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('after a crash between append and answer, a retry answers from the stream without deciding twice', async () => {
    // Simulate the crash: the first attempt appended its events and died before storing its answer,
    // leaving an in-progress record owned by a process that no longer exists.
    const first = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'crashy').send(body).expect(201);
    t.db.prepare("UPDATE idempotency_keys SET state = 'in_progress', owner = 'dead-process', response = NULL WHERE key = 'crashy'").run();
    const before = eventCount(t.db);
    const retry = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'crashy').send(body).expect(201);
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect(eventCount(t.db)).toBe(before);
  });
});
