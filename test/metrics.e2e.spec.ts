import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/** GET /metrics: Prometheus text with request durations by route template, writer batches and commits, projection lag, idempotency outcomes. */
describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts requests by route template (never an id), writer commits, idempotency outcomes, and the projection lag', async () => {
    const auth = bearer(t.keys.aTest);
    const body = { currency: 'USD', line_items: [{ name: 'Mug', quantity: 1, unit_price_money: usd(1_200) }] };
    const order = (await t.http.post('/v1/orders').set({ ...auth, 'Idempotency-Key': 'm-1' }).send(body).expect(201)).body.data;
    await t.http.post('/v1/orders').set({ ...auth, 'Idempotency-Key': 'm-1' }).send(body).expect(201);
    await t.http.post('/v1/orders').set({ ...auth, 'Idempotency-Key': 'm-1' }).send({ ...body, currency: 'EUR' }).expect(409);
    await t.http.get(`/v1/orders/${order.id}`).set(auth).expect(200);
    await t.http.get('/v1/orders/ord_0000000000000000000000').set(auth).expect(404);

    const text = await scrape();
    expect(value(text, 'http_request_duration_seconds_count{method="POST",route="/v1/orders",status="201"}')).toBe(2);
    expect(value(text, 'http_request_duration_seconds_count{method="POST",route="/v1/orders",status="409"}')).toBe(1);
    expect(value(text, 'http_request_duration_seconds_count{method="GET",route="/v1/orders/:id",status="200"}')).toBe(1);
    expect(value(text, 'http_request_duration_seconds_count{method="GET",route="/v1/orders/:id",status="404"}')).toBe(1);
    expect(text).not.toContain(order.id);
    expect(value(text, 'ordo_idempotency_requests_total{outcome="claimed"}')).toBe(1);
    expect(value(text, 'ordo_idempotency_requests_total{outcome="replayed"}')).toBe(1);
    expect(value(text, 'ordo_idempotency_requests_total{outcome="reused"}')).toBe(1);
    expect(value(text, 'ordo_writer_batch_jobs_count')).toBeGreaterThan(0);
    expect(value(text, 'ordo_writer_commit_seconds_count')).toBe(value(text, 'ordo_writer_batch_jobs_count'));
    expect(value(text, 'ordo_projection_lag_events')).toBe(0);
    expect(value(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('needs no API key and is not in the API reference', async () => {
    await scrape();
    const spec = await startTestApp({ apiReference: true });
    try {
      const doc = (await spec.http.get('/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).not.toContain('/metrics');
    } finally {
      await spec.close();
    }
  });
});
