import { givenCustomers } from './support/customers.js';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Response } from 'supertest';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Issue 14.8: every real answer must match the OpenAPI document. A tour calls every operation
 * the document lists (and a few refusals); each answer is validated against the schema the
 * document gives for its path, method and status. Response models are validated strictly — a
 * field the API returns but the document does not describe fails — and at the end every
 * operation must have been answered with a success at least once.
 */
interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const METHODS = ['get', 'post', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/**
 * OpenAPI 3.0 schema → JSON Schema for the validator: `nullable: true` becomes "or null" (also
 * next to a $ref), and response models (named …Response) may not carry fields the document
 * leaves out.
 */
function toJsonSchema(schema: unknown, strict: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, strict));
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, toJsonSchema(ps, false)])) : toJsonSchema(v, false)]));
  if (strict && out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function strictResponses(schemas: OpenApiDoc['components']['schemas']): OpenApiDoc['components']['schemas'] {
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s, name.endsWith('Response')) as Record<string, unknown>]));
}

describe('Every answer matches the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let doc: OpenApiDoc;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  const operations: { method: Method; template: string; pattern: RegExp }[] = [];
  const answered = new Set<string>();
  const problems: string[] = [];
  const clock = new MovableClock();

  beforeAll(async () => {
    t = await startTestApp({}, clock);
    await givenCustomers(t, ['cus_Tour000000000001', 'cus_Tour000000000002']);
    auth = bearer(t.keys.aTest);
    doc = (await t.http.get('/openapi.json').expect(200)).body as OpenApiDoc;
    const components = { schemas: strictResponses(doc.components.schemas) };
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        operations.push({ method, template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) });
        for (const [status, response] of Object.entries(item[method].responses ?? {})) {
          const schema = response.content?.['application/json']?.schema;
          if (schema) validators.set(`${method} ${template} ${status}`, ajv.compile({ ...(toJsonSchema(schema, false) as object), components }));
        }
      }
    }
  });
  afterAll(() => t.close());

  /** Sends, then checks the answer against the document; returns the answer's body. */
  async function call(method: Method, url: string, body?: object, key = auth): Promise<Response> {
    let req = t.http[method](url).set(key);
    if (body !== undefined) req = req.send(body);
    const res = await req;
    const path = url.split('?')[0]!;
    // A literal segment beats a parameter: of the templates that match, the one with fewest parameters.
    const best = operations.filter((o) => o.method === method && o.pattern.test(path)).sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
    if (!best) {
      problems.push(`${method.toUpperCase()} ${path}: not in the document`);
      return res;
    }
    const id = `${method} ${best.template}`;
    const validate = validators.get(`${id} ${res.status}`);
    if (!validate) problems.push(`${id}: answered ${res.status}, which the document does not describe`);
    else if (!validate(res.body)) problems.push(`${id} ${res.status}: ${ajv.errorsText(validate.errors)} — ${JSON.stringify(res.body).slice(0, 300)}`);
    else if (res.status < 300) answered.add(id);
    return res;
  }
  const data = async (method: Method, url: string, body?: object, expected?: number) => {
    const res = await call(method, url, body);
    if (expected !== undefined) expect([method, url, res.status, res.body.error?.code]).toEqual([method, url, expected, undefined]);
    return res.body.data;
  };

  it('tours every operation; every answer matches its schema and every operation succeeded once', async () => {
    await data('get', '/healthz', undefined, 200);
    await data('get', '/readyz', undefined, 200);

    // Orders: create with every kind of adjustment, change it, read it.
    const order = await data(
      'post',
      '/v1/orders',
      {
        currency: 'USD',
        customer_id: 'cus_Tour000000000001',
        metadata: { channel: 'web' },
        line_items: [
          { ref: 'book', name: 'Book', quantity: 2, unit_price_money: usd(2500), sku: 'BK-1', metadata: { isbn: '978' } },
          { name: 'Mug', quantity: 1, unit_price_money: usd(1200) },
        ],
        discounts: [{ name: 'Spring', percentage: '10' }],
        taxes: [{ name: 'VAT', percentage: '8.875', line_item_refs: ['book'] }],
        tip: { percentage: '15' },
      },
      201,
    );
    await data('get', `/v1/orders/${order.id}`, undefined, 200);
    await data('get', '/v1/orders?page_size=2', undefined, 200);
    await data('patch', `/v1/orders/${order.id}`, { notes: 'gift wrap' }, 200);
    const withLine = await data('post', `/v1/orders/${order.id}/line-items`, { name: 'Pen', quantity: 3, unit_price_money: usd(150) }, 200);
    const pen = withLine.line_items.find((l: { name: string }) => l.name === 'Pen').id;
    await data('patch', `/v1/orders/${order.id}/line-items/${pen}`, { quantity: 4 }, 200);
    await data('delete', `/v1/orders/${order.id}/line-items/${pen}`, undefined, 200);
    const withDiscount = await data('post', `/v1/orders/${order.id}/discounts`, { name: 'Coupon', amount_money: usd(100) }, 200);
    await data('delete', `/v1/orders/${order.id}/discounts/${withDiscount.discounts.at(-1).id}`, undefined, 200);
    const withTax = await data('post', `/v1/orders/${order.id}/taxes`, { name: 'City', percentage: '1' }, 200);
    await data('delete', `/v1/orders/${order.id}/taxes/${withTax.taxes.at(-1).id}`, undefined, 200);
    await data('post', `/v1/orders/${order.id}/tip`, { amount_money: usd(300) }, 200);
    await data('delete', `/v1/orders/${order.id}/tip`, undefined, 200);

    // Cards: a token, a manual intent captured in part and released, a refund, a cancel.
    const token = await data('post', '/v1/tokens', { card: { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' } }, 201);
    const pi = await data('post', '/v1/payment-intents', { order_id: order.id, capture_method: 'manual', payment_method: { token: token.id }, confirm: true }, 201);
    await data('get', `/v1/payment-intents/${pi.id}`, undefined, 200);
    await data('get', `/v1/payment-intents?order_id=${order.id}`, undefined, 200);
    await data('post', `/v1/payment-intents/${pi.id}/capture`, { amount_money: usd(1000), final: false }, 200);
    await data('post', `/v1/payment-intents/${pi.id}/cancel`, {}, 200);
    const refund = await data('post', '/v1/refunds', { payment_intent_id: pi.id, amount_money: usd(500), reason: 'requested_by_customer' }, 201);
    await data('get', `/v1/refunds/${refund.id}`, undefined, 200);
    await data('get', `/v1/refunds?order_id=${order.id}`, undefined, 200);
    await data('get', `/v1/orders/${order.id}/timeline`, undefined, 200);

    const later = await data('post', '/v1/payment-intents', { amount_money: usd(2000), capture_method: 'manual' }, 201);
    await data('post', `/v1/payment-intents/${later.id}/confirm`, { payment_method: { token: 'tok_threeDSecureRequired' } }, 200);
    await data('post', `/v1/payment-intents/${later.id}/complete-action`, { result: 'approve' }, 200);
    const other = await data('post', '/v1/orders', { currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4000) }] }, 201);
    await data('post', `/v1/orders/${other.id}/pay`, { payment_method: { token: 'tok_visa' } }, 200);

    // Offline money on an order: record, reverse, a manual refund; then close.
    const cash = await data('post', `/v1/orders/${order.id}/manual-payments`, { amount_money: usd(1000), method: 'cash', received_at: '2026-11-30', reference: 'TILL-1' }, 201);
    await data('post', `/v1/orders/${order.id}/manual-payments/${cash.id}/reverse`, { reason: 'counterfeit' }, 200);
    await data('post', `/v1/orders/${order.id}/manual-payments`, { amount_money: usd(1000), method: 'wire', received_at: '2026-11-30' }, 201);
    await data('post', `/v1/orders/${order.id}/manual-refunds`, { amount_money: usd(200), method: 'cash', refunded_at: '2026-12-01' }, 201);
    await data('post', `/v1/orders/${order.id}/close`, {}, 200);
    // A check that bounces after closing, written off.
    const lamp = await data('post', '/v1/orders', { currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(1500) }] }, 201);
    const check = await data('post', `/v1/orders/${lamp.id}/manual-payments`, { amount_money: usd(1500), method: 'check', received_at: '2026-11-30' }, 201);
    await data('post', `/v1/orders/${lamp.id}/close`, {}, 200);
    await data('post', `/v1/orders/${lamp.id}/manual-payments/${check.id}/reverse`, { reason: 'bounced' }, 200);
    await data('post', `/v1/orders/${lamp.id}/write-off`, undefined, 200);

    // Invoices: quick pay, edit, issue, remind, card and wire on the invoice, reverse; void; uncollectible.
    const customer = 'cus_Tour000000000002';
    const invoice = await data('post', '/v1/invoices', { customer_id: customer, currency: 'USD', line_items: [{ name: 'Consulting', quantity: 1, unit_price_money: usd(30000) }] }, 201);
    await data('patch', `/v1/invoices/${invoice.id}`, { memo: 'Thanks', days_until_due: 14 }, 200);
    await data('post', `/v1/invoices/${invoice.id}/issue`, undefined, 200);
    await data('post', `/v1/invoices/${invoice.id}/send-reminder`, undefined, 200);
    const wire = await data('post', `/v1/invoices/${invoice.id}/manual-payments`, { amount_money: usd(10000), method: 'wire', received_at: '2026-12-01', reference: 'W-1' }, 201);
    await data('post', `/v1/invoices/${invoice.id}/manual-payments/${wire.id}/reverse`, { reason: 'recalled' }, 200);
    await data('post', `/v1/invoices/${invoice.id}/pay`, { payment_method: { token: 'tok_visa' } }, 200);
    await data('get', `/v1/invoices/${invoice.id}`, undefined, 200);
    await data('get', `/v1/invoices?customer_id=${customer}`, undefined, 200);
    const draft = await data('post', '/v1/invoices', { customer_id: customer, currency: 'USD', line_items: [{ name: 'Audit', quantity: 1, unit_price_money: usd(5000) }] }, 201);
    await data('post', `/v1/invoices/${draft.id}/void`, { reason: 'duplicate' }, 200);
    const bad = await data('post', '/v1/invoices', { customer_id: customer, currency: 'USD', due_date: '2026-12-10', line_items: [{ name: 'Retainer', quantity: 1, unit_price_money: usd(7000) }] }, 201);
    await data('post', `/v1/invoices/${bad.id}/issue`, undefined, 200);
    clock.advanceDays(40);
    await data('get', `/v1/customers/${customer}/receivables`, undefined, 200);
    await data('get', '/v1/reports/receivables-aging', undefined, 200);
    await data('post', `/v1/invoices/${bad.id}/mark-uncollectible`, undefined, 200);
    await data('get', `/v1/customers/${customer}/timeline?page_size=5`, undefined, 200);

    // Customers and saved methods; an off-session charge shows the saved method on the intent.
    const ada = await data('post', '/v1/customers', { name: 'Ada', email: 'ada@example.com', phone: '+442071234567', address: { line1: '1 Sq', country: 'GB' }, metadata: { tier: 'gold' } }, 201);
    await data('get', `/v1/customers/${ada.id}`, undefined, 200);
    await data('get', '/v1/customers?email=ada@example.com', undefined, 200);
    await data('patch', `/v1/customers/${ada.id}`, { phone: null }, 200);
    const visa = await data('post', `/v1/customers/${ada.id}/payment-methods`, { token: 'tok_visa' }, 201);
    const amex = await data('post', `/v1/customers/${ada.id}/payment-methods`, { token: 'tok_amex', usage: 'on_session' }, 201);
    await data('post', `/v1/customers/${ada.id}/payment-methods/${amex.id}/set-default`, undefined, 200);
    await data('post', `/v1/customers/${ada.id}/payment-methods/${amex.id}/remove`, undefined, 200);
    await data('get', `/v1/customers/${ada.id}/payment-methods?include_removed=true`, undefined, 200);
    await data('get', `/v1/customers/${ada.id}/payment-methods/${visa.id}`, undefined, 200);
    await data('post', '/v1/payment-intents', { amount_money: usd(990), customer_id: ada.id, off_session: true, payment_method_id: visa.id }, 201);
    await data('get', `/v1/customers/${ada.id}/timeline`, undefined, 200);

    // Plans, subscriptions, test clocks.
    const testClock = await data('post', '/v1/test-clocks', { frozen_time: '2027-03-01T00:00:00Z', name: 'tour' }, 201);
    await data('get', `/v1/test-clocks/${testClock.id}`, undefined, 200);
    const onClock = await data('post', '/v1/customers', { name: 'Clocked', test_clock_id: testClock.id }, 201);
    await data('post', `/v1/customers/${onClock.id}/payment-methods`, { token: 'tok_visa' }, 201);
    const monthly = await data('post', '/v1/plans', { name: 'Monthly', currency: 'USD', interval: 'month', line_items: [{ name: 'Seat', quantity: 2, unit_price_money: usd(1500) }], metadata: { tier: 'pro' } }, 201);
    await data('get', `/v1/plans/${monthly.id}`, undefined, 200);
    await data('get', '/v1/plans?page_size=5', undefined, 200);
    const subscribed = await data('post', '/v1/subscriptions', { customer_id: onClock.id, plan_id: monthly.id }, 201);
    await data('post', `/v1/test-clocks/${testClock.id}/advance`, { frozen_time: '2027-04-02T00:00:00Z' }, 200);
    await data('get', `/v1/subscriptions/${subscribed.id}`, undefined, 200);
    await data('get', `/v1/subscriptions?customer_id=${onClock.id}`, undefined, 200);
    await data('post', `/v1/subscriptions/${subscribed.id}/pause`, undefined, 200);
    await data('post', `/v1/subscriptions/${subscribed.id}/resume`, undefined, 200);
    await data('post', `/v1/subscriptions/${subscribed.id}/cancel`, { at_period_end: true }, 200);
    await data('post', `/v1/plans/${monthly.id}/archive`, undefined, 200);
    await data('get', `/v1/customers/${onClock.id}/timeline?type=subscription`, undefined, 200);

    // Checkout sessions and payment links.
    const quick = await data('post', '/v1/checkout-sessions', { line_items: [{ name: 'Ticket', quantity: 2, unit_price_money: usd(1500) }], success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cart' }, 201);
    await data('get', `/v1/checkout-sessions/${quick.id}`, undefined, 200);
    await data('get', `/v1/checkout-sessions?order_id=${quick.order_id}`, undefined, 200);
    await data('post', `/v1/checkout-sessions/${quick.id}/close`, undefined, 200);
    const link = await data('post', '/v1/payment-links', { currency: 'USD', line_items: [{ name: 'Shirt', unit_price_money: usd(2000), adjustable_quantity: { minimum: 1, maximum: 3 } }], completion_limit: 5, metadata: { drop: 'a' } }, 201);
    await data('get', `/v1/payment-links/${link.id}`, undefined, 200);
    await data('get', '/v1/payment-links?page_size=5', undefined, 200);
    await data('post', `/v1/payment-links/${link.id}/deactivate`, undefined, 200);
    await data('post', `/v1/payment-links/${link.id}/activate`, undefined, 200);

    // Webhooks and the event feed (deliveries are queued; nothing is listening in this tour).
    await data('get', '/v1/webhook-event-types', undefined, 200);
    const hook = await data('post', '/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/hooks', enabled_events: ['order.created', 'order.paid'], description: 'tour', metadata: { team: 'ops' } }, 201);
    await data('get', `/v1/webhook-endpoints/${hook.id}`, undefined, 200);
    await data('get', '/v1/webhook-endpoints?page_size=5', undefined, 200);
    await data('patch', `/v1/webhook-endpoints/${hook.id}`, { enabled_events: ['*'] }, 200);
    await data('post', `/v1/webhook-endpoints/${hook.id}/rotate-secret`, { expire_previous_in_seconds: 60 }, 200);
    await data('post', '/v1/orders', { currency: 'USD', line_items: [{ name: 'Cup', quantity: 1, unit_price_money: usd(900) }] }, 201);
    const [queued] = await data('get', `/v1/webhook-endpoints/${hook.id}/deliveries?status=pending`, undefined, 200);
    await data('get', `/v1/webhook-endpoints/${hook.id}/deliveries/${queued.id}`, undefined, 200);
    await data('post', `/v1/webhook-endpoints/${hook.id}/deliveries/${queued.id}/redeliver`, undefined, 202);
    const [latest] = await data('get', '/v1/events?page_size=3', undefined, 200);
    await data('get', `/v1/events/${latest.id}`, undefined, 200);
    await data('get', `/v1/events?type=order.created&object_id=${latest.data.object.id}`, undefined, 200);
    await data('delete', `/v1/webhook-endpoints/${hook.id}`, undefined, 200);
    await data('get', '/v1/reports/trial-balance', undefined, 200);

    // Refusals are documented too: each answer must be the error envelope under a documented status.
    for (const [method, url, body] of [
      ['get', '/v1/orders/ord_000000000000000000000000', undefined],
      ['post', '/v1/orders', { currency: 'USD', total: 1 }],
      ['post', `/v1/payment-intents/${pi.id}/capture`, { amount_money: usd(1) }],
      ['post', '/v1/refunds', { payment_intent_id: pi.id, amount_money: usd(999999) }],
    ] as const) {
      expect((await call(method, url, body)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await call('get', '/v1/orders', undefined, { Authorization: 'Bearer ordo_test_nope' })).status).toBe(401);

    expect(problems).toEqual([]);
    const missing = operations.map((o) => `${o.method} ${o.template}`).filter((id) => !answered.has(id));
    expect(missing).toEqual([]);
    expect(answered.size).toBeGreaterThanOrEqual(47);
  });

  it('no request schema types an amount as a float, and no date or memo field is typed object', () => {
    const offenders: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [field, prop] of Object.entries((schema.properties ?? {}) as Record<string, { type?: string; $ref?: string }>)) {
        if ((field === 'amount' || field === 'quantity' || field.endsWith('_days') || field === 'days_until_due' || field === 'page_size') && prop.type === 'number') offenders.push(`${name}.${field}: number`);
        if ((field.endsWith('_date') || field === 'memo' || field.endsWith('_at')) && prop.type === 'object') offenders.push(`${name}.${field}: object`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no request takes money as a bare integer: every amount is inside a { amount, currency } object (issue 8.1)', () => {
    type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[] };
    const resolve = (schema: Schema): Schema => (schema.$ref ? (doc.components.schemas[schema.$ref.split('/').pop()!] as Schema) : schema);
    const offenders: string[] = [];
    const seen = new Set<Schema>();
    const walk = (schema: Schema, where: string) => {
      const s = resolve(schema);
      if (!s || seen.has(s)) return;
      seen.add(s);
      const props = s.properties ?? {};
      for (const [name, prop] of Object.entries(props)) {
        const p = resolve(prop);
        const moneyLike = /(^|_)amount$/.test(name) && (p.type === 'integer' || p.type === 'number');
        if (moneyLike && !('currency' in props)) offenders.push(`${where}.${name}`);
        walk(prop, `${where}.${name}`);
      }
      for (const sub of [s.items, ...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) if (sub) walk(sub, where);
    };
    let bodies = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method] as { requestBody?: { content?: Record<string, { schema: Schema }> } } | undefined;
        const schema = op?.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        bodies++;
        seen.clear();
        walk(schema, `${method} ${path}`);
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(25);
    expect(offenders).toEqual([]);
    // The check can fail: a bare amount is caught, a money object is not.
    walk({ properties: { amount: { type: 'integer' }, fee_money: { properties: { amount: { type: 'integer' }, currency: { type: 'string' } } } } }, 'synthetic');
    expect(offenders).toEqual(['synthetic.amount']);
  });

  it('describes API keys as ordo keys, not JWTs, and offers Idempotency-Key on every authenticated POST and nowhere else', () => {
    const scheme = (doc as unknown as { components: { securitySchemes: { bearer: { bearerFormat: string } } } }).components.securitySchemes.bearer;
    expect(scheme.bearerFormat).toContain('ordo_test_');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method] as { parameters?: { name: string; in: string }[]; security?: unknown[] } | undefined;
        if (!op) continue;
        const has = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        expect([method, path, has]).toEqual([method, path, method === 'post' && (op.security?.length ?? 0) > 0]);
      }
    }
  });
});
