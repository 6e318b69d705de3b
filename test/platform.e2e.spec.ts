import { MerchantsService } from '../apps/api/src/merchants/merchants.service.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

describe('Platform: health, API reference, keys, headers (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz without a key', async () => {
    expect((await t.http.get('/healthz').expect(200)).body.data.status).toBe('ok');
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.data.info).toMatchObject({ database: { status: 'up' }, projections: { status: 'up', behind: 0 } });
  });

  it('serves an OpenAPI document generated from the code, and the interactive reference', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/orders/{id}', '/v1/orders/{id}/timeline', '/v1/orders/{id}/close']));
    expect(doc.components.schemas.CreateOrderDto.properties.line_items).toBeDefined();
    const html = await t.http.get('/docs').expect(200);
    expect(html.text).toContain('swagger');
  });

  it('sends a Request-Id header matching the body, and no X-Powered-By', async () => {
    const res = await t.http.get('/v1/orders').set(bearer(t.keys.aTest)).expect(200);
    expect(res.headers['request-id']).toMatch(/^req_/);
    expect(res.body.request_id).toBe(res.headers['request-id']);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('stores keys only as hashes and refuses a revoked key', async () => {
    const merchants = t.app.get(MerchantsService);
    const { keyId, key } = await merchants.createApiKey(t.merchants.a, 'test');
    await t.http.get('/v1/orders').set(bearer(key)).expect(200);
    const stored = t.db.prepare("SELECT COUNT(*) AS n FROM events WHERE data LIKE ? OR metadata LIKE ?").get(`%${key}%`, `%${key}%`) as { n: number };
    expect(stored.n).toBe(0);
    const readModel = t.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE key_hash = ? OR hint = ?').get(key, key) as { n: number };
    expect(readModel.n).toBe(0);
    await merchants.revokeApiKey(t.merchants.a, keyId);
    const refused = await t.http.get('/v1/orders').set(bearer(key)).expect(401);
    expect(refused.body.error.code).toBe('API_KEY_INVALID');
  });
});
