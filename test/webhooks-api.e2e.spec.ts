import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { WebhookSender } from '../apps/api/src/webhooks/delivery/webhook-sender.js';
import { WebhookDispatcher } from '../apps/api/src/webhooks/delivery/webhook-dispatcher.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

/**
 * The webhook and event-feed API around delivery: tenancy on every route, the live-mode SSRF rule
 * (at the URL and at connect time), secrets never at rest in clear, refusals that write nothing,
 * and the feed's pages, filters and retention.
 */
describe.each(['express', 'fastify'] as const)('webhook endpoints and the event feed (%s)', (adapter) => {
  let t: TestApp;
  let r: WebhookReceiver;
  const clock = new MovableClock();
  const a = () => bearer(t.keys.aTest);

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false, httpAdapter: adapter }, clock);
    // Fastify routes only once ready (as in test/adapters).
    if (adapter === 'fastify') await (t.app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
    r = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await t.close();
    await r.stop();
  });

  const order = async (key = t.keys.aTest) =>
    (await t.http.post('/v1/orders').set(bearer(key)).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4000) }] }).expect(201)).body.data as { id: string };

  it("another merchant's (or the other mode's) endpoints, deliveries and events are 404 on every route", async () => {
    const ep = (await t.http.post('/v1/webhook-endpoints').set(a()).send({ url: r.url, enabled_events: ['order.created'] }).expect(201)).body.data;
    await order();
    await t.app.get(WebhookDispatcher).deliverDue();
    const [delivery] = (await t.http.get(`/v1/webhook-endpoints/${ep.id}/deliveries`).set(a()).expect(200)).body.data;
    const [event] = (await t.http.get('/v1/events?type=order.created').set(a()).expect(200)).body.data;
    expect(delivery.event_id).toBe(event.id);
    const before = eventCount(t.db);
    for (const key of [t.keys.bTest, t.keys.aLive]) {
      const other = bearer(key);
      const routes = [
        t.http.get(`/v1/webhook-endpoints/${ep.id}`).set(other),
        t.http.patch(`/v1/webhook-endpoints/${ep.id}`).set(other).send({ description: 'mine now' }),
        t.http.delete(`/v1/webhook-endpoints/${ep.id}`).set(other),
        t.http.post(`/v1/webhook-endpoints/${ep.id}/rotate-secret`).set(other).send({}),
        t.http.get(`/v1/webhook-endpoints/${ep.id}/deliveries`).set(other),
        t.http.get(`/v1/webhook-endpoints/${ep.id}/deliveries/${delivery.id}`).set(other),
        t.http.post(`/v1/webhook-endpoints/${ep.id}/deliveries/${delivery.id}/redeliver`).set(other),
        t.http.get(`/v1/events/${event.id}`).set(other),
      ];
      for (const res of await Promise.all(routes)) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toMatch(/^(WEBHOOK_ENDPOINT|EVENT)_NOT_FOUND$/);
      }
      const lists = await Promise.all([t.http.get('/v1/webhook-endpoints').set(other), t.http.get('/v1/events').set(other)]);
      for (const list of lists) expect(list.body.data.map((x: { id: string }) => x.id)).not.toEqual(expect.arrayContaining([ep.id, event.id]));
    }
    expect(eventCount(t.db)).toBe(before);
    // The endpoint of a made-up id answers exactly like another merchant's.
    const missing = await t.http.get(`/v1/webhook-endpoints/whep_${'Z'.repeat(20)}`).set(a()).expect(404);
    expect(missing.body.error.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    await t.http.patch(`/v1/webhook-endpoints/${ep.id}`).set(a()).send({ disabled: true }).expect(200);
  });

  it('live mode refuses plain http and loopback, private or local hosts; test mode allows local receivers', async () => {
    const live = bearer(t.keys.aLive);
    const refused: [string, string][] = [
      ['http://example.com/hooks', 'WEBHOOK_URL_HTTPS_REQUIRED'],
      ['https://127.0.0.1/hooks', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['https://10.0.0.8/hooks', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['https://192.168.1.20/hooks', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['https://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['https://[::1]/hooks', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['https://localhost/hooks', 'WEBHOOK_URL_NOT_ALLOWED'],
      ['ftp://example.com/hooks', 'WEBHOOK_URL_SCHEME_NOT_ALLOWED'],
    ];
    const before = eventCount(t.db);
    for (const [url, code] of refused) {
      const res = await t.http.post('/v1/webhook-endpoints').set(live).send({ url, enabled_events: ['*'] });
      expect([res.status, res.body.error.code, url]).toEqual([res.status < 500 && res.status >= 400 ? res.status : 'not 4xx', code, url]);
    }
    expect(eventCount(t.db)).toBe(before);
    const ok = await t.http.post('/v1/webhook-endpoints').set(live).send({ url: 'https://hooks.example.com/ordo', enabled_events: ['*'] }).expect(201);
    expect(ok.body.data).toMatchObject({ url: 'https://hooks.example.com/ordo', enabled_events: ['*'], status: 'enabled' });
    await t.http.delete(`/v1/webhook-endpoints/${ok.body.data.id}`).set(live).expect(200);
  });

  it('live-mode sends refuse a host that resolves to a private address at connect time (DNS rebinding)', async () => {
    const sender = new WebhookSender(2_000);
    const seen = r.received.length;
    try {
      const refused = await sender.send('live', r.url, {}, '{}');
      expect(refused.status).toBeNull();
      expect(refused.error).toMatch(/127\.0\.0\.1.*not allowed|DNS lookup .* is not allowed/i);
      const allowed = await sender.send('test', r.url, {}, '{}');
      expect(allowed).toMatchObject({ status: 200, error: null });
      expect(r.received).toHaveLength(seen + 1);
    } finally {
      sender.close();
    }
  });

  it('the secret is shown once, replays under its Idempotency-Key, and is stored only sealed', async () => {
    const key = { ...a(), 'Idempotency-Key': 'make-endpoint-1' };
    const first = (await t.http.post('/v1/webhook-endpoints').set(key).send({ url: r.url, enabled_events: ['order.paid'] }).expect(201)).body.data;
    const again = (await t.http.post('/v1/webhook-endpoints').set(key).send({ url: r.url, enabled_events: ['order.paid'] }).expect(201)).body.data;
    expect(again).toEqual(first);
    const rotated = (await t.http.post(`/v1/webhook-endpoints/${first.id}/rotate-secret`).set(a()).send({}).expect(200)).body.data.secret as string;
    for (const secret of [first.secret as string, rotated]) {
      const bare = secret.slice('whsec_'.length);
      for (const table of ['events', 'webhook_endpoints', 'idempotency_keys']) {
        const hits = t.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE CAST(${table === 'events' ? 'data' : table === 'webhook_endpoints' ? 'state' : 'response'} AS TEXT) LIKE ?`).get(`%${bare}%`) as { n: number };
        expect([table, hits.n]).toEqual([table, 0]);
      }
    }
    await t.http.delete(`/v1/webhook-endpoints/${first.id}`).set(a()).expect(200);
  });

  it('refuses bad input with a 4xx and a stable code, writing nothing', async () => {
    const before = eventCount(t.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ url: r.url }, 'MISSING_FIELD'],
      [{ url: r.url, enabled_events: [] }, 'INVALID_ENABLED_EVENTS'],
      [{ url: r.url, enabled_events: ['order.exploded'] }, 'UNKNOWN_EVENT_TYPE'],
      [{ url: r.url, enabled_events: ['*', 'order.paid'] }, 'INVALID_ENABLED_EVENTS'],
      [{ url: 'not a url', enabled_events: ['*'] }, 'INVALID_WEBHOOK_URL'],
      [{ url: 'http://user:pw@example.com/x', enabled_events: ['*'] }, 'INVALID_WEBHOOK_URL'],
      [{ url: r.url, enabled_events: 'order.paid' }, 'INVALID_FIELD'],
    ];
    for (const [body, code] of cases) {
      const res = await t.http.post('/v1/webhook-endpoints').set(a()).send(body);
      expect([res.status >= 400 && res.status < 500, res.body.error?.code]).toEqual([true, code]);
    }
    expect((await t.http.get('/v1/events?type=nope').set(a()).expect(400)).body.error.code).toBe('INVALID_FIELD');
    expect((await t.http.get('/v1/events/evt_bad-id').set(a()).expect(400)).body.error.code).toBe('INVALID_ID');
    expect(eventCount(t.db)).toBe(before);
  });

  it('the feed pages newest first, filters by type and by object (an order finds its payments), and keeps 30 days', async () => {
    const o = await order();
    const pi = (await t.http.post('/v1/payment-intents').set(a()).send({ order_id: o.id, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
    const ofOrder = (await t.http.get(`/v1/events?object_id=${o.id}&page_size=100`).set(a()).expect(200)).body.data as { type: string; data: { object: { id: string } } }[];
    expect(ofOrder.map((e) => e.type)).toEqual(expect.arrayContaining(['order.created', 'payment_intent.created', 'payment_intent.succeeded', 'order.paid']));
    const ofIntent = (await t.http.get(`/v1/events?object_id=${pi.id}`).set(a()).expect(200)).body.data as { data: { object: { id: string } } }[];
    expect(ofIntent.length).toBeGreaterThan(0);
    expect(ofIntent.every((e) => e.data.object.id === pi.id)).toBe(true);
    const two = (await t.http.get('/v1/events?type=order.created,order.paid&page_size=100').set(a()).expect(200)).body.data as { type: string }[];
    expect(new Set(two.map((e) => e.type))).toEqual(new Set(['order.created', 'order.paid']));
    // Cursor pages: every event once, newest first.
    const all = (await t.http.get('/v1/events?page_size=100').set(a()).expect(200)).body.data as { id: string; created_at: string }[];
    const paged: string[] = [];
    let token: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; next_page_token: string | null } } = await t.http.get(`/v1/events?page_size=3${token ? `&page_token=${token}` : ''}`).set(a()).expect(200);
      paged.push(...res.body.data.map((e) => e.id));
      token = res.body.next_page_token;
    } while (token);
    expect(paged).toEqual(all.map((e) => e.id));
    // Past the retention the feed no longer shows them.
    clock.advanceDays(31);
    expect((await t.http.get('/v1/events').set(a()).expect(200)).body.data).toEqual([]);
    expect((await t.http.get(`/v1/events/${all[0]!.id}`).set(a()).expect(404)).body.error.code).toBe('EVENT_NOT_FOUND');
    clock.advanceDays(-31);
  });

  it('a rebuild from position 0 gives the same events with the same ids and queues no delivery twice', async () => {
    const snapshot = () => ({
      events: t.db.prepare('SELECT id, seq, type, object_id, body FROM public_events ORDER BY seq').all(),
      deliveries: t.db.prepare('SELECT id, status, attempts FROM webhook_deliveries ORDER BY id').all(),
      versions: t.db.prepare('SELECT * FROM webhook_endpoint_versions ORDER BY endpoint_id, from_position').all(),
    });
    const before = snapshot();
    expect(before.events.length).toBeGreaterThanOrEqual(5);
    expect(before.deliveries.length).toBeGreaterThan(0);
    await t.app.get(ProjectionRunner).rebuild(['webhook_endpoints', 'public_events']);
    expect(snapshot()).toEqual(before);
  });
});
