import { jest } from '@jest/globals';
import type { PaymentProcessor } from '#ordo/processor';
import { PaymentProcessors } from '../apps/api/src/payments/processor/payment-processors.js';
import { Clock } from '../apps/api/src/platform/clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Audit finding (issue 15.1): two identical requests under *different* Idempotency-Keys that
 * reach one order in the same millisecond were answered from one effect. A frozen clock makes
 * "the same millisecond" certain instead of lucky; each pair is sent concurrently, and every
 * answer that says something happened must have its own effect in the log and the read model.
 */
class FrozenClock extends Clock {
  private readonly at = new Date('2026-12-02T12:00:00.000Z');
  now(): Date {
    return new Date(this.at);
  }
}

const PAIRS = 100;
const RETRYABLE = new Set(['ORDER_CONFLICT', 'PAYMENT_INTENT_PROCESSING', 'IDEMPOTENCY_KEY_IN_USE']);
/** Retryable conflicts seen, by code: the capture race must have produced some. */
const retried = new Map<string, number>();
const BATCH = 10;

describe('Identical concurrent writes under different Idempotency-Keys each take effect (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({}, new FrozenClock());
    auth = bearer(t.keys.aTest);
  });
  afterAll(() => t.close());

  const newOrder = async (amount = 10000) =>
    (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'Lamp', quantity: 1, unit_price_money: usd(amount) }] }).expect(201)).body
      .data as { id: string; line_items: { id: string }[] };

  /** Runs `pairs` pairs, BATCH pairs at a time, each pair's two requests concurrently. */
  async function inPairs<T>(setups: T[], send: (setup: T, key: string) => Promise<{ status: number; body: any }>, tag: string) {
    const answers: { setup: T; status: number; body: any }[] = [];
    for (let i = 0; i < setups.length; i += BATCH) {
      const batch = setups.slice(i, i + BATCH);
      const round = await Promise.all(
        batch.flatMap((setup, j) =>
          [0, 1].map(async (k) => {
            // A client retries a retryable conflict with the same key (docs/api.md); the key
            // must still be usable then (issue 15.4), so the retry is decided anew.
            const key = `${tag}-${i + j}-${k}`;
            let res = await send(setup, key);
            let retries = 0;
            while (res.status === 409 && RETRYABLE.has(res.body.error.code) && retries < 50) {
              retried.set(res.body.error.code, (retried.get(res.body.error.code) ?? 0) + 1);
              await new Promise((r) => setTimeout(r, 5));
              res = await send(setup, key);
              retries++;
            }
            return { setup, status: res.status, body: res.body };
          }),
        ),
      );
      answers.push(...round);
    }
    return answers;
  }

  const ok = (status: number) => status >= 200 && status < 300;

  it(`add line item: ${PAIRS} pairs, every 200 adds its own line`, async () => {
    const orders = await Promise.all(Array.from({ length: PAIRS }, () => newOrder()));
    const answers = await inPairs(orders, (o, key) => t.http.post(`/v1/orders/${o.id}/line-items`).set(auth).set('Idempotency-Key', key).send({ name: 'Shade', quantity: 1, unit_price_money: usd(500) }), 'line');
    expect(answers.filter((a) => ok(a.status)).length).toBe(2 * PAIRS);
    for (const o of orders) {
      const succeeded = answers.filter((a) => a.setup === o && ok(a.status)).length;
      const final = (await t.http.get(`/v1/orders/${o.id}`).set(auth).expect(200)).body.data;
      expect(final.line_items.length).toBe(1 + succeeded);
      expect(final.amounts.total_money).toEqual(usd(10000 + 500 * succeeded));
    }
  });

  it(`partial capture: ${PAIRS} pairs of {amount:1000, final:false}, every 200 is a real capture`, async () => {
    const intents = [];
    for (let i = 0; i < PAIRS; i++) {
      intents.push(
        (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 5000, currency: 'USD' }, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body
          .data as { id: string },
      );
    }
    // The processor answers captures after a short pause, so the two captures of a pair surely
    // overlap: the second finds the first one's call in flight (the retryable 409 under test).
    const processor = t.app.get(PaymentProcessors).require('test') as PaymentProcessor;
    const capture = processor.capture.bind(processor);
    const slow = jest.spyOn(processor, 'capture').mockImplementation(async (request) => {
      await new Promise((r) => setTimeout(r, 20));
      return capture(request);
    });
    const answers = await inPairs(intents, (pi, key) => t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth).set('Idempotency-Key', key).send({ amount_money: usd(1000), final: false }), 'capture').finally(() =>
      slow.mockRestore(),
    );
    expect(answers.filter((a) => ok(a.status)).map((a) => a.status).length).toBe(2 * PAIRS);
    for (const pi of intents) {
      const succeeded = answers.filter((a) => a.setup === pi && ok(a.status)).length;
      const final = (await t.http.get(`/v1/payment-intents/${pi.id}`).set(auth).expect(200)).body.data;
      expect(final.captured_money).toEqual(usd(1000 * succeeded));
      const captures = t.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'PaymentCaptured' AND json_extract(data, '$.payment_intent_id') = ?").get(pi.id) as { n: number };
      expect(captures.n).toBe(succeeded);
    }
    // The pairs did race: some captures lost to the other one's processor call and got the
    // retryable 409, and their retry under the same key made a real capture (not a replay).
    expect(retried.get('PAYMENT_INTENT_PROCESSING') ?? 0).toBeGreaterThan(0);
    expect(answers.some((a) => a.body.meta?.idempotent_replayed)).toBe(false);
  });

  it(`manual payment: ${PAIRS} pairs, every 201 names a manual payment that exists`, async () => {
    const orders = await Promise.all(Array.from({ length: PAIRS }, () => newOrder()));
    const answers = await inPairs(orders, (o, key) => t.http.post(`/v1/orders/${o.id}/manual-payments`).set(auth).set('Idempotency-Key', key).send({ amount_money: usd(1000), method: 'cash', received_at: '2026-12-01' }), 'manual');
    expect(answers.filter((a) => ok(a.status)).map((a) => a.status).length).toBe(2 * PAIRS);
    for (const a of answers) expect(a.status === 404).toBe(false);
    for (const o of orders) {
      const succeeded = answers.filter((a) => a.setup === o && ok(a.status));
      expect(new Set(succeeded.map((a) => a.body.data.id)).size).toBe(succeeded.length);
      const final = (await t.http.get(`/v1/orders/${o.id}`).set(auth).expect(200)).body.data;
      expect(final.amounts.paid_money).toEqual(usd(1000 * succeeded.length));
      expect(final.manual_payments.map((m: { manual_payment_id: string }) => m.manual_payment_id).sort()).toEqual(succeeded.map((a) => a.body.data.id).sort());
    }
  });

  it(`refund: ${PAIRS} pairs of 10.00, every 201 names a refund that exists`, async () => {
    const paid: { id: string; order: string }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const pi = (await t.http.post('/v1/payment-intents').set(auth).send({ amount_money: { amount: 5000, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      paid.push({ id: pi.id, order: pi.order_id });
    }
    const answers = await inPairs(paid, (pi, key) => t.http.post('/v1/refunds').set(auth).set('Idempotency-Key', key).send({ payment_intent_id: pi.id, amount_money: usd(1000)}), 'refund');
    expect(answers.filter((a) => ok(a.status)).map((a) => a.status).length).toBe(2 * PAIRS);
    for (const a of answers) expect(a.status === 404).toBe(false);
    for (const pi of paid) {
      const succeeded = answers.filter((a) => a.setup === pi && ok(a.status));
      expect(new Set(succeeded.map((a) => a.body.data.id)).size).toBe(succeeded.length);
      for (const a of succeeded) await t.http.get(`/v1/refunds/${a.body.data.id}`).set(auth).expect(200);
      const final = (await t.http.get(`/v1/orders/${pi.order}`).set(auth).expect(200)).body.data;
      expect(final.amounts.refunded_money).toEqual(usd(1000 * succeeded.length));
    }
  });
});
