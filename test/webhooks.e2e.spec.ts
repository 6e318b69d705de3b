import { jest } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_MS, RETRY_JITTER } from '#ordo/domain';
import { WebhookDispatcher } from '../apps/api/src/webhooks/delivery/webhook-dispatcher.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

/**
 * Webhooks end to end against real HTTP receivers on loopback: deliveries verified with the
 * `standardwebhooks` package, the retry schedule walked with a movable clock, the disable rule,
 * secret rotation, a slow receiver beside a fast one.
 */
describe('webhooks', () => {
  let t: TestApp;
  let dispatcher: WebhookDispatcher;
  const clock = new MovableClock();
  const receivers: WebhookReceiver[] = [];
  const auth = () => bearer(t.keys.aTest);

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false, webhookTimeoutMs: 1_500 }, clock);
    dispatcher = t.app.get(WebhookDispatcher);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  const receiver = async (answer?: ConstructorParameters<typeof WebhookReceiver>[0]) => {
    const r = await new WebhookReceiver(answer).start();
    receivers.push(r);
    return r;
  };
  const endpoint = async (url: string, enabled_events: string[] = ['*'], key = t.keys.aTest) =>
    (await t.http.post('/v1/webhook-endpoints').set(bearer(key)).send({ url, enabled_events }).expect(201)).body.data as { id: string; secret: string; status: string };
  const order = async (key = t.keys.aTest) =>
    (await t.http.post('/v1/orders').set(bearer(key)).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(4000) }] }).expect(201)).body.data as { id: string };
  const deliveries = async (endpointId: string) => (await t.http.get(`/v1/webhook-endpoints/${endpointId}/deliveries`).set(auth()).expect(200)).body.data as Record<string, unknown>[];
  const disable = (id: string) => t.http.patch(`/v1/webhook-endpoints/${id}`).set(auth()).send({ disabled: true }).expect(200);

  it('lists the event types with their payload objects', async () => {
    const types = (await t.http.get('/v1/webhook-event-types').set(auth()).expect(200)).body.data as { type: string; object: string; payload_version: number }[];
    expect(types.map((x) => x.type)).toEqual(expect.arrayContaining(['order.paid', 'payment_intent.requires_capture', 'invoice.manual_payment_recorded', 'subscription.past_due', 'checkout_session.completed']));
    expect(types.find((x) => x.type === 'refund.succeeded')).toEqual({ type: 'refund.succeeded', object: 'refund', description: expect.any(String), payload_version: 1 });
  });

  it('delivers committed events signed per Standard Webhooks; a tampered body, a wrong secret or a stale timestamp fail verification', async () => {
    const r = await receiver();
    const ep = await endpoint(r.url, ['order.created', 'order.paid']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const o = await order();
    await t.http.post(`/v1/orders/${o.id}/manual-payments`).set(auth()).send({ amount_money: usd(4000), method: 'wire', received_at: '2026-12-01' }).expect(201);
    await dispatcher.deliverDue();
    const mine = r.received.filter((x) => JSON.parse(x.body).data.object.id === o.id);
    // Snapshots are taken after the whole append: the new order shows the lines it was created with.
    expect(JSON.parse(mine.find((x) => JSON.parse(x.body).type === 'order.created')!.body).data.object.line_items).toHaveLength(1);
    expect(mine.map((x) => JSON.parse(x.body).type).sort()).toEqual(['order.created', 'order.paid']);
    const wh = new Webhook(ep.secret);
    for (const got of mine) {
      const payload = wh.verify(got.body, got.headers as Record<string, string>) as { id: string; type: string; mode: string; data: { object: { id: string } } };
      expect(payload).toMatchObject({ object: 'event', mode: 'test', payload_version: 1, data: { object: { id: o.id, object: 'order' } } });
      expect(got.headers['webhook-id']).toBe(payload.id);
      expect(got.headers['content-type']).toBe('application/json');
      // The feed shows the very same event.
      expect((await t.http.get(`/v1/events/${payload.id}`).set(auth()).expect(200)).body.data).toEqual(payload);
    }
    const paid = mine.find((x) => JSON.parse(x.body).type === 'order.paid')!;
    expect(JSON.parse(paid.body).data.object).toMatchObject({ payment_status: 'paid', amounts: { outstanding_money: usd(0) } });
    // The payload is the order as the API shows it after the fact.
    expect(JSON.parse(paid.body).data.object).toEqual((await t.http.get(`/v1/orders/${o.id}`).set(auth()).expect(200)).body.data);
    const headers = paid.headers as Record<string, string>;
    expect(() => wh.verify(paid.body.replace('"paid"', '"unpaid"'), headers)).toThrow('No matching signature found');
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(paid.body, headers)).toThrow('No matching signature found');
    const now = Date.now();
    const later = jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
    try {
      expect(() => wh.verify(paid.body, headers)).toThrow('Message timestamp too old');
    } finally {
      later.mockRestore();
    }
    const list = await deliveries(ep.id);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ object: 'webhook_delivery', status: 'succeeded', attempt_count: 1, last_response_code: 200, next_attempt_at: null, delivered_at: expect.any(String) });
    await disable(ep.id);
  });

  it('retries a receiver that fails three times on the backoff schedule, by the clock, then delivers', async () => {
    const r = await receiver((n) => ({ status: n <= 3 ? 503 : 200 }));
    const ep = await endpoint(r.url, ['order.created']);
    const o = await order();
    await dispatcher.deliverDue();
    expect(r.received).toHaveLength(1);
    for (let failed = 1; failed <= 3; failed++) {
      const [d] = (await deliveries(ep.id)) as { id: string; status: string; attempt_count: number; next_attempt_at: string; last_attempt_at: string; last_response_code: number }[];
      expect(d).toMatchObject({ status: 'pending', attempt_count: failed, last_response_code: 503 });
      const wait = Date.parse(d!.next_attempt_at) - clock.now().getTime();
      const step = RETRY_DELAYS_MS[failed - 1]!;
      expect(wait).toBeGreaterThan(step * (1 - RETRY_JITTER) - 5_000);
      expect(wait).toBeLessThanOrEqual(step * (1 + RETRY_JITTER));
      // Not before its time…
      clock.offsetMs += wait - 2_000;
      await dispatcher.deliverDue();
      expect(r.received).toHaveLength(failed);
      // …then at it.
      clock.offsetMs += 2_000;
      await dispatcher.deliverDue();
      expect(r.received).toHaveLength(failed + 1);
    }
    const [done] = (await deliveries(ep.id)) as { id: string }[];
    const one = (await t.http.get(`/v1/webhook-endpoints/${ep.id}/deliveries/${done!.id}`).set(auth()).expect(200)).body.data;
    expect(one).toMatchObject({ status: 'succeeded', attempt_count: 4, last_response_code: 200 });
    expect(one.attempts.map((a: { response_code: number }) => a.response_code)).toEqual([503, 503, 503, 200]);
    expect(one.attempts[3].next_attempt_at).toBeNull();
    // Every attempt carried the same event id: receivers dedupe on it.
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1);
    expect(JSON.parse(r.received[3]!.body).data.object.id).toBe(o.id);
    await disable(ep.id);
  });

  it('disables an endpoint that keeps failing (the documented rule), and queues nothing more for it', async () => {
    const r = await receiver(() => ({ status: 500 }));
    const ep = await endpoint(r.url, ['order.created']);
    await order();
    await dispatcher.deliverDue();
    for (let i = 0; i < 12; i++) {
      const [d] = (await deliveries(ep.id)) as { status: string; next_attempt_at: string | null }[];
      if (d!.status !== 'pending') break;
      clock.offsetMs += Date.parse(d!.next_attempt_at!) - clock.now().getTime() + 1;
      await dispatcher.deliverDue();
    }
    const [d] = (await deliveries(ep.id)) as { status: string; attempt_count: number }[];
    expect(d).toMatchObject({ status: 'failed', attempt_count: MAX_DELIVERY_ATTEMPTS });
    expect(r.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const after = (await t.http.get(`/v1/webhook-endpoints/${ep.id}`).set(auth()).expect(200)).body.data;
    expect(after).toMatchObject({ status: 'disabled', disabled_reason: 'failing', disabled_at: expect.any(String) });
    // A disabled endpoint is not sent new events, nor can one be redelivered to it.
    await order();
    await dispatcher.deliverDue();
    expect(await deliveries(ep.id)).toHaveLength(1);
    const [failed] = (await deliveries(ep.id)) as { id: string }[];
    expect((await t.http.post(`/v1/webhook-endpoints/${ep.id}/deliveries/${failed!.id}/redeliver`).set(auth()).expect(409)).body.error.code).toBe('WEBHOOK_ENDPOINT_DISABLED');
    // Enabled again and fixed: a manual redelivery goes out at once.
    r.answer = () => ({ status: 200 });
    await t.http.patch(`/v1/webhook-endpoints/${ep.id}`).set(auth()).send({ disabled: false }).expect(200);
    expect((await t.http.post(`/v1/webhook-endpoints/${ep.id}/deliveries/${failed!.id}/redeliver`).set(auth()).expect(202)).body.data).toMatchObject({ status: 'pending', next_attempt_at: null });
    await dispatcher.deliverDue();
    expect((await deliveries(ep.id))[0]).toMatchObject({ status: 'succeeded', attempt_count: MAX_DELIVERY_ATTEMPTS + 1, last_response_code: 200 });
    await disable(ep.id);
  });

  it('rotates the secret: both sign during the grace period, then only the new one', async () => {
    const r = await receiver();
    const ep = await endpoint(r.url, ['order.created']);
    const rotated = (await t.http.post(`/v1/webhook-endpoints/${ep.id}/rotate-secret`).set(auth()).send({ expire_previous_in_seconds: 3600 }).expect(200)).body.data;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(ep.secret);
    expect(Date.parse(rotated.previous_secret_expires_at) - clock.now().getTime()).toBeGreaterThan(3_590_000);
    await order();
    await dispatcher.deliverDue();
    const during = r.received[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [ep.secret, rotated.secret]) expect(new Webhook(secret).verify(during.body, during.headers as Record<string, string>)).toMatchObject({ type: 'order.created' });
    clock.offsetMs += 3_601_000;
    await order();
    await dispatcher.deliverDue();
    const after = r.received[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new Webhook(rotated.secret).verify(after.body, after.headers as Record<string, string>)).toMatchObject({ type: 'order.created' });
    expect(() => new Webhook(ep.secret).verify(after.body, after.headers as Record<string, string>)).toThrow('No matching signature found');
    expect((await t.http.get(`/v1/webhook-endpoints/${ep.id}`).set(auth()).expect(200)).body.data).not.toHaveProperty('secret');
    const bad = await t.http.post(`/v1/webhook-endpoints/${ep.id}/rotate-secret`).set(auth()).send({ expire_previous_in_seconds: 8 * 24 * 3600 }).expect(400);
    expect(bad.body.error.code).toBe('INVALID_SECRET_GRACE');
    await disable(ep.id);
  });

  it('a slow receiver holds only its own slots: a fast one gets every event meanwhile', async () => {
    const slow = await receiver(() => ({ status: 200, delayMs: 5_000 }));
    const fast = await receiver();
    const slowEp = await endpoint(slow.url, ['order.created']);
    const fastEp = await endpoint(fast.url, ['order.created']);
    for (let i = 0; i < 10; i++) await order();
    await fast.waitFor(10);
    // The slow one has not answered anything yet: the fast one never waited behind it.
    expect(slow.received).toHaveLength(0);
    await dispatcher.deliverDue();
    const slowOnes = (await deliveries(slowEp.id)) as { status: string; attempt_count: number; last_error: string | null }[];
    // At most four at a time went to the slow one; each timed out and waits for its retry.
    expect(slowOnes.filter((d) => d.attempt_count === 1)).toHaveLength(10);
    expect(slowOnes.every((d) => d.status === 'pending' && d.last_error === 'no answer within 1500 ms')).toBe(true);
    expect(((await deliveries(fastEp.id)) as { status: string }[]).every((d) => d.status === 'succeeded')).toBe(true);
    await disable(slowEp.id);
    await disable(fastEp.id);
  });

  it('redelivers on request with the same event id; a deleted endpoint is gone and gets nothing', async () => {
    const r = await receiver();
    const ep = await endpoint(r.url, ['order.created']);
    await order();
    await dispatcher.deliverDue();
    const [d] = (await deliveries(ep.id)) as { id: string }[];
    await t.http.post(`/v1/webhook-endpoints/${ep.id}/deliveries/${d!.id}/redeliver`).set(auth()).expect(202);
    await dispatcher.deliverDue();
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers['webhook-id']).toBe(r.received[0]!.headers['webhook-id']);
    expect((await t.http.post(`/v1/webhook-endpoints/${ep.id}/deliveries/whd_${'x'.repeat(24)}/redeliver`).set(auth()).expect(404)).body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect((await t.http.delete(`/v1/webhook-endpoints/${ep.id}`).set(auth()).expect(200)).body.data).toMatchObject({ id: ep.id, deleted: true });
    expect((await t.http.get(`/v1/webhook-endpoints/${ep.id}`).set(auth()).expect(404)).body.error.code).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    const listed = (await t.http.get('/v1/webhook-endpoints?page_size=100').set(auth()).expect(200)).body.data as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(ep.id);
    await order();
    await dispatcher.deliverDue();
    expect(r.received).toHaveLength(2);
  });
});
