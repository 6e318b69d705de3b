import { SettableClock } from './support/collection.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Rate limits per API key (issue 8.2): a token bucket each for writes and reads; beyond it 429
 * RATE_LIMITED with Retry-After, nothing written; RateLimit-* headers on every answer; a replay
 * answered from an Idempotency-Key's stored answer is never refused. The clock stands still unless
 * moved (a busy machine must not refill a bucket between two requests of a burst).
 */
describe('Rate limits per API key (e2e)', () => {
  let t: TestApp;
  const clock = new SettableClock(new Date());
  const move = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const body = { currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4200) }] };

  beforeAll(async () => {
    t = await startTestApp({ rateLimitWritesPerSecond: 5, rateLimitReadsPerSecond: 8 }, clock);
  });
  afterAll(() => t.close());

  it('a write burst beyond the bucket gets 429 RATE_LIMITED with Retry-After and writes nothing; reads and other keys are not affected; after waiting, writes pass', async () => {
    const auth = bearer(t.keys.aTest);
    move(60_000); // a full bucket
    const first = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'rl-first').send(body).expect(201);
    expect(first.headers['ratelimit-limit']).toBe('5');
    expect(first.headers['ratelimit-remaining']).toBe('4');
    for (let i = 0; i < 4; i++) await t.http.post('/v1/orders').set(auth).send(body).expect(201);

    const before = eventCount(t.db);
    const refused = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'rl-refused').send(body).expect(429);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(eventCount(t.db)).toBe(before);

    // A replay of a stored answer is still served, marked as replayed.
    const replay = await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'rl-first').send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data.id).toBe(first.body.data.id);

    // Reads have their own bucket; another merchant's key has its own too.
    const read = await t.http.get(`/v1/orders/${first.body.data.id}`).set(auth).expect(200);
    expect(read.headers['ratelimit-limit']).toBe('8');
    await t.http.post('/v1/orders').set(bearer(t.keys.bTest)).send(body).expect(201);
    // Health is not an API-key route.
    await t.http.get('/healthz').expect(200);

    move(Number(refused.headers['retry-after']) * 1000);
    // The refused key was not spent: the same request now goes through.
    await t.http.post('/v1/orders').set(auth).set('Idempotency-Key', 'rl-refused').send(body).expect(201);
  });

  it('a read burst beyond its bucket gets 429 too', async () => {
    const auth = bearer(t.keys.aLive);
    move(60_000);
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push((await t.http.get('/v1/orders').set(auth)).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
  });
});
