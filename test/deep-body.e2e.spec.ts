import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { bearer, eventCount, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 15.3: a 2.7 kB body nesting arrays 1,313 levels deep answered 500 on most body routes
 * (the transformer's recursion overflowed). Every route that takes a body, as the OpenAPI
 * document lists them, must refuse it with 400 BODY_TOO_DEEP, write nothing and log nothing.
 */
describe('Deeply nested JSON bodies are refused with 400 BODY_TOO_DEEP on every body route (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let routes: { method: 'post' | 'patch'; path: string }[];

  const nested = (levels: number, open: string, close: string, leaf = '1') => `${open.repeat(levels)}${leaf}${close.repeat(levels)}`;
  const shapes: [string, string][] = [
    ['1,313 nested arrays in a field', `{"currency":"USD","line_items":${nested(1313, '[', ']')}}`],
    ['1,313 nested arrays as the body', nested(1313, '[', ']')],
    ['1,313 nested objects in a field', `{"metadata":${nested(1313, '{"a":', '}')}}`],
  ];

  beforeAll(async () => {
    t = await startTestApp();
    auth = bearer(t.keys.aTest);
    const doc = (await t.http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (['post', 'patch'] as const).filter((m) => m in ops).map((method) => ({ method, path: path.replace(/\{[^}]+\}/g, 'x_0123456789abcdef') })),
    );
  });
  afterAll(() => t.close());

  it('finds the body routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(28);
  });

  it.each(shapes)('%s → 400 BODY_TOO_DEEP on every body route, nothing written, nothing logged', async (_name, body) => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const before = eventCount(t.db);
    try {
      for (const { method, path } of routes) {
        const res = await t.http[method](path).set(auth).set('Idempotency-Key', `deep-${method}-${path}`).set('Content-Type', 'application/json').send(body);
        expect({ route: `${method} ${path}`, status: res.status, code: res.body.error?.code }).toEqual({ route: `${method} ${path}`, status: 400, code: 'BODY_TOO_DEEP' });
      }
      expect(eventCount(t.db)).toBe(before);
      expect(errors).not.toHaveBeenCalled();
      // The refusal came before the idempotency claim: no key was spent.
      expect((t.db.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key LIKE 'deep-%'").get() as { n: number }).n).toBe(0);
    } finally {
      errors.mockRestore();
    }
  });

  it('a body exactly at the depth limit is still read (and judged on its fields)', async () => {
    // 20 levels: the body object plus 19 nested arrays.
    const res = await t.http.post('/v1/orders').set(auth).set('Content-Type', 'application/json').send(`{"currency":"USD","line_items":${nested(19, '[', ']')}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).not.toBe('BODY_TOO_DEEP');
  });
});
