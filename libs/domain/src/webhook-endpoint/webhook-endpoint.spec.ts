import { deciderSpec } from '../testing/decider-spec.js';
import { DISABLE_AFTER_FAILURES, DISABLE_AFTER_MS, MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_MS, RETRY_JITTER, failingLongEnough, nextAttemptAt } from './delivery-policy.js';
import { PUBLIC_EVENT_TYPES, isPublicEventType } from './public-event-types.js';
import { WEBHOOK_ERROR_KINDS } from './webhook-errors.js';
import { assertDeliverable, signingSecrets, subscribesTo, webhookEndpointDecider, type ExistingWebhookEndpoint, type WebhookEndpointEvent } from './webhook-endpoint.js';
import { isPublicAddress, validateWebhookUrl } from './webhook-url.js';

const spec = deciderSpec(webhookEndpointDecider);
const NOW = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T12:00:00.000Z';
const ID = 'whep_0000000000000001';
const secret = { sealed: 'sealed-1', created_at: NOW, expires_at: null };

const create = (data: Record<string, unknown> = {}, mode: 'test' | 'live' = 'test') => ({
  type: 'CreateWebhookEndpoint' as const,
  data: { webhook_endpoint_id: ID, url: 'http://127.0.0.1:4000/hooks', enabled_events: ['order.paid'], sealed_secret: 'sealed-1', mode, ...data },
  now: NOW,
});
const created: WebhookEndpointEvent = {
  type: 'WebhookEndpointCreated',
  data: { webhook_endpoint_id: ID, url: 'http://127.0.0.1:4000/hooks', enabled_events: ['order.paid'], description: null, metadata: {}, secret, occurred_at: NOW },
};
const update = (data: Record<string, unknown>) => ({ type: 'UpdateWebhookEndpoint' as const, data: { webhook_endpoint_id: ID, mode: 'test' as const, ...data }, now: LATER });
const disabledFailing = (since: string): WebhookEndpointEvent => ({
  type: 'WebhookEndpointDisabled',
  data: { webhook_endpoint_id: ID, reason: 'failing', streak: { consecutive_failures: 5, failing_since: since }, occurred_at: LATER },
});
const fold = (events: WebhookEndpointEvent[]) => events.reduce(webhookEndpointDecider.evolve, webhookEndpointDecider.initialState());

describe('webhook endpoints', () => {
  it('creates an endpoint with its sealed secret, and refuses a second create', () => {
    spec.given([]).when(create()).then([created]);
    spec.given([created]).when(create()).thenThrows('WEBHOOK_ENDPOINT_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it('takes ["*"] alone, refuses unknown types, empty lists and * mixed with types', () => {
    spec.given([]).when(create({ enabled_events: ['*'] })).then([{ ...created, data: { ...created.data, enabled_events: ['*'] } } as WebhookEndpointEvent]);
    spec.given([]).when(create({ enabled_events: ['order.shipped'] })).thenThrows('UNKNOWN_EVENT_TYPE', { field: 'enabled_events[0]' });
    spec.given([]).when(create({ enabled_events: [] })).thenThrows('INVALID_ENABLED_EVENTS');
    spec.given([]).when(create({ enabled_events: ['*', 'order.paid'] })).thenThrows('INVALID_ENABLED_EVENTS');
    spec.given([]).when(create({ enabled_events: 'order.paid' })).thenThrows('INVALID_ENABLED_EVENTS');
  });

  it('takes only http(s) URLs without credentials or fragments', () => {
    spec.given([]).when(create({ url: 'ftp://example.com/x' })).thenThrows('WEBHOOK_URL_SCHEME_NOT_ALLOWED', { kind: 'validation' });
    spec.given([]).when(create({ url: 'file:///etc/passwd' })).thenThrows('WEBHOOK_URL_SCHEME_NOT_ALLOWED');
    spec.given([]).when(create({ url: 'not a url' })).thenThrows('INVALID_WEBHOOK_URL');
    spec.given([]).when(create({ url: 'https://user:pw@example.com/x' })).thenThrows('INVALID_WEBHOOK_URL');
    spec.given([]).when(create({ url: 'https://example.com/x#y' })).thenThrows('INVALID_WEBHOOK_URL');
    spec.given([]).when(create({ url: `https://example.com/${'a'.repeat(2048)}` })).thenThrows('INVALID_WEBHOOK_URL');
  });

  it('in live mode needs https on a public host (SSRF); test mode allows local receivers', () => {
    expect(validateWebhookUrl('http://localhost:4000/x', 'test')).toBe('http://localhost:4000/x');
    expect(() => validateWebhookUrl('http://example.com/x', 'live')).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_HTTPS_REQUIRED' }));
    for (const url of ['https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.10/x', 'https://172.16.5.4/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://0.0.0.0/x', 'https://localhost/x', 'https://api.localhost/x', 'https://db.internal/x', 'https://intranet/x', 'https://100.64.0.1/x']) {
      expect(() => validateWebhookUrl(url, 'live')).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_NOT_ALLOWED', kind: 'business' }));
    }
    expect(validateWebhookUrl('https://hooks.example.com/ordo', 'live')).toBe('https://hooks.example.com/ordo');
    expect(validateWebhookUrl('https://93.184.216.34/ordo', 'live')).toBe('https://93.184.216.34/ordo');
  });

  it('judges resolved addresses: only public unicast is public', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:4700:4700::1111')).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.1', '::1', '::ffff:10.0.0.1', 'fe80::1', '224.0.0.1', '255.255.255.255', 'nonsense']) expect(isPublicAddress(a)).toBe(false);
  });

  it('records only what an update changes; disabling and enabling by hand are their own facts', () => {
    spec.given([created]).when(update({ url: 'http://127.0.0.1:4000/hooks' })).then([]);
    spec.given([created]).when(update({ enabled_events: ['order.paid', 'invoice.paid'], disabled: true })).then([
      { type: 'WebhookEndpointUpdated', data: { webhook_endpoint_id: ID, changes: { enabled_events: ['order.paid', 'invoice.paid'] }, occurred_at: LATER } },
      { type: 'WebhookEndpointDisabled', data: { webhook_endpoint_id: ID, reason: 'manual', streak: null, occurred_at: LATER } },
    ]);
    spec.given([created, disabledFailing(NOW)]).when(update({ disabled: false })).then([{ type: 'WebhookEndpointEnabled', data: { webhook_endpoint_id: ID, occurred_at: LATER } }]);
    spec.given([created]).when(update({ disabled: 'yes' })).thenThrows('INVALID_REQUEST');
    spec.given([]).when(update({ disabled: true })).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND', { kind: 'not_found' });
    spec.given([created]).when(update({ description: 'x'.repeat(501) })).thenThrows('INVALID_DESCRIPTION');
  });

  it('rotation keeps the previous secret valid for its grace, and only that one', () => {
    const rotate = (sealed: string, grace?: number, now = LATER) => ({ type: 'RotateWebhookEndpointSecret' as const, data: { webhook_endpoint_id: ID, sealed_secret: sealed, ...(grace !== undefined ? { expire_previous_in_seconds: grace } : {}) }, now });
    const [rotated] = webhookEndpointDecider.decide(rotate('sealed-2', 3600), fold([created]));
    expect(rotated).toMatchObject({ type: 'WebhookEndpointSecretRotated', data: { previous_expires_at: '2026-12-01T13:00:00.000Z', secret: { sealed: 'sealed-2', expires_at: null } } });
    const state = fold([created, rotated!]) as ExistingWebhookEndpoint;
    expect(signingSecrets(state, '2026-12-01T12:30:00.000Z').map((s) => s.sealed)).toEqual(['sealed-2', 'sealed-1']);
    expect(signingSecrets(state, '2026-12-01T13:00:00.000Z').map((s) => s.sealed)).toEqual(['sealed-2']);
    const [again] = webhookEndpointDecider.decide(rotate('sealed-3', 0, '2026-12-01T12:10:00.000Z'), state);
    expect((fold([created, rotated!, again!]) as ExistingWebhookEndpoint).secrets.map((s) => s.sealed)).toEqual(['sealed-3', 'sealed-2']);
    spec.given([created]).when(rotate('sealed-2', 8 * 24 * 3600)).thenThrows('INVALID_SECRET_GRACE');
    spec.given([created]).when(rotate('sealed-2', -1)).thenThrows('INVALID_SECRET_GRACE');
  });

  it('disables a failing endpoint only when the streak is long and old enough', () => {
    const disable = (failures: number, since: string) => ({ type: 'DisableFailingWebhookEndpoint' as const, data: { webhook_endpoint_id: ID, streak: { consecutive_failures: failures, failing_since: since } }, now: LATER });
    const longAgo = new Date(Date.parse(LATER) - DISABLE_AFTER_MS).toISOString();
    spec.given([created]).when(disable(DISABLE_AFTER_FAILURES, longAgo)).then([disabledFailing(longAgo)]);
    spec.given([created]).when(disable(DISABLE_AFTER_FAILURES - 1, longAgo)).thenThrows('WEBHOOK_ENDPOINT_NOT_FAILING', { kind: 'business' });
    spec.given([created]).when(disable(50, NOW)).thenThrows('WEBHOOK_ENDPOINT_NOT_FAILING');
    spec.given([created, disabledFailing(NOW)]).when(disable(50, longAgo)).then([]);
    expect(failingLongEnough({ consecutive_failures: DISABLE_AFTER_FAILURES, failing_since: longAgo }, LATER)).toBe(true);
  });

  it('a deleted endpoint is gone for every command; a disabled one takes no deliveries', () => {
    const deleted: WebhookEndpointEvent = { type: 'WebhookEndpointDeleted', data: { webhook_endpoint_id: ID, occurred_at: LATER } };
    spec.given([created]).when({ type: 'DeleteWebhookEndpoint', data: { webhook_endpoint_id: ID }, now: LATER }).then([deleted]);
    spec.given([created, deleted]).when({ type: 'DeleteWebhookEndpoint', data: { webhook_endpoint_id: ID }, now: LATER }).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND');
    spec.given([created, deleted]).when(update({ disabled: false })).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND');
    spec.given([created, deleted]).when(create()).thenThrows('WEBHOOK_ENDPOINT_ALREADY_EXISTS');
    expect(() => assertDeliverable(fold([created, disabledFailing(NOW)]), ID)).toThrow(expect.objectContaining({ code: 'WEBHOOK_ENDPOINT_DISABLED', kind: 'conflict' }));
    expect(assertDeliverable(fold([created]), ID).id).toBe(ID);
  });

  it('matches subscriptions: a listed type, or everything with *', () => {
    expect(subscribesTo(['order.paid'], 'order.paid')).toBe(true);
    expect(subscribesTo(['order.paid'], 'invoice.paid')).toBe(false);
    expect(subscribesTo(['*'], 'invoice.paid')).toBe(true);
  });

  it('names every public type object.verb, once, on a known object', () => {
    const names = PUBLIC_EVENT_TYPES.map((t) => t.type);
    expect(new Set(names).size).toBe(names.length);
    for (const t of PUBLIC_EVENT_TYPES) expect(t.type.startsWith(`${t.object}.`)).toBe(true);
    expect(isPublicEventType('order.paid')).toBe(true);
    expect(isPublicEventType('*')).toBe(false);
  });

  it('pins the error codes', () => {
    expect(Object.keys(WEBHOOK_ERROR_KINDS).sort()).toEqual([
      'INVALID_DESCRIPTION', 'INVALID_ENABLED_EVENTS', 'INVALID_ID', 'INVALID_METADATA', 'INVALID_REQUEST', 'INVALID_SECRET_GRACE', 'INVALID_WEBHOOK_URL', 'UNKNOWN_EVENT_TYPE',
      'WEBHOOK_ENDPOINT_ALREADY_EXISTS', 'WEBHOOK_ENDPOINT_DISABLED', 'WEBHOOK_ENDPOINT_NOT_FAILING', 'WEBHOOK_ENDPOINT_NOT_FOUND', 'WEBHOOK_URL_HTTPS_REQUIRED', 'WEBHOOK_URL_NOT_ALLOWED', 'WEBHOOK_URL_SCHEME_NOT_ALLOWED',
    ]);
  });
});

describe('webhook retry schedule', () => {
  it('waits longer after each failure, within the jitter, and stops after the last attempt', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      const step = RETRY_DELAYS_MS[attempt - 1]!;
      const low = Date.parse(nextAttemptAt(attempt, NOW, 0)!) - Date.parse(NOW);
      const high = Date.parse(nextAttemptAt(attempt, NOW, 0.999999)!) - Date.parse(NOW);
      expect(low).toBe(Math.round(step * (1 - RETRY_JITTER)));
      expect(high).toBeLessThanOrEqual(Math.round(step * (1 + RETRY_JITTER)));
      expect(high).toBeGreaterThan(low);
      if (attempt > 1) expect(step).toBeGreaterThan(RETRY_DELAYS_MS[attempt - 2]!);
      total += step;
    }
    expect(nextAttemptAt(MAX_DELIVERY_ATTEMPTS, NOW, 0.5)).toBeNull();
    // "over hours": the whole schedule spans most of a day.
    expect(total).toBeGreaterThan(20 * 3_600_000);
    expect(() => nextAttemptAt(0, NOW, 0.5)).toThrow(RangeError);
  });
});
