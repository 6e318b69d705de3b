import { fold } from '../../core/decider.js';
import { orderBalance } from '../model/balance.js';
import { orderDecider } from '../order-decider.js';
import type { OrderEvent } from '../model/order-events.js';
import type { ExistingOrder } from '../model/order-state.js';
import { computeOrderTotals } from '../rules/order-totals.js';
import { LI_1, NOW, ORDER_ID } from '../../testing/order-fixtures.js';
import {
  AUTHORIZED,
  CAP_1,
  CAP_2,
  captured,
  captureStarted,
  CARD,
  EXPIRES_AT,
  KEY_1,
  KEY_2,
  KEY_3,
  KEY_4,
  ORDER_100,
  PI_1,
  PI_2,
  processingStarted,
  REF_1,
  REF_2,
  refundFailed,
  refundRequested,
  refundSucceeded,
  released,
} from '../../testing/payment-fixtures.js';
import { lineRefunds, refundableOf } from '../rules/refund-lines.js';

const state = (events: OrderEvent[]) => fold(orderDecider, events) as ExistingOrder;

describe('evolvePayment', () => {
  it('tracks an authorization, two partial captures and the release of the rest', () => {
    const order = state([
      ...AUTHORIZED,
      captureStarted(PI_1, KEY_2, 3000, false, CAP_1),
      captured(PI_1, KEY_2, 3000, false, CAP_1, 'ch_1'),
      captureStarted(PI_1, KEY_3, 2000, true, CAP_2),
      captured(PI_1, KEY_3, 2000, true, CAP_2, 'ch_2'),
      released(PI_1, 5000, 'final_capture'),
    ]);
    expect(order.payment_intents[0]).toMatchObject({
      id: PI_1,
      status: 'succeeded',
      payment_method: CARD,
      authorization_id: 'auth_1',
      authorized: 10000,
      captured: 5000,
      released: 5000,
      capturable: 0,
      captures: [
        { capture_id: CAP_1, charge_id: 'ch_1', amount: 3000 },
        { capture_id: CAP_2, charge_id: 'ch_2', amount: 2000 },
      ],
      authorized_at: NOW,
      expires_at: EXPIRES_AT,
      pending: null,
      attempt_keys: [KEY_1, KEY_2, KEY_3],
    });
    expect(order.captured).toBe(5000);
    expect(orderBalance(computeOrderTotals(order).total, order)).toMatchObject({ paid: 5000, outstanding: 5000, payment_status: 'partially_paid' });
  });

  it('keeps a pending refund reserved, counts it as refunded once it succeeds, and frees it when it fails', () => {
    const CAPTURED = [...AUTHORIZED, captureStarted(), captured()];
    const lines = [{ line_item_id: LI_1, quantity: 1, amount: 2000 }];
    const pending = state([...CAPTURED, refundRequested(2000, REF_1, KEY_3, PI_1, lines)]);
    expect(pending.refunded).toBe(0);
    expect(refundableOf(pending, pending.payment_intents[0]!)).toBe(8000);
    expect(lineRefunds(pending).get(LI_1)).toEqual({ line_item_id: LI_1, refunded_quantity: 0, refunded_amount: 0, reserved_quantity: 1, reserved_amount: 2000 });

    const done = state([...CAPTURED, refundRequested(2000, REF_1, KEY_3, PI_1, lines), refundSucceeded(2000), refundRequested(500, REF_2, KEY_4), refundFailed(500, REF_2, KEY_4)]);
    expect(done.refunded).toBe(2000);
    expect(done.payment_intents[0]?.refunded).toBe(2000);
    expect(done.refunds.map((r) => [r.id, r.status])).toEqual([
      [REF_1, 'succeeded'],
      [REF_2, 'failed'],
    ]);
    expect(refundableOf(done, done.payment_intents[0]!)).toBe(8000);
    expect(lineRefunds(done).get(LI_1)).toMatchObject({ refunded_quantity: 1, refunded_amount: 2000 });
    expect(orderBalance(computeOrderTotals(done).total, done)).toMatchObject({ paid: 10000, refunded: 2000, net_paid: 8000, outstanding: 0, refund_status: 'partially_refunded' });
  });

  it('records a write-off, bringing outstanding to 0', () => {
    const order = state([
      ...AUTHORIZED,
      captureStarted(PI_1, KEY_2, 6000),
      captured(PI_1, KEY_2, 6000),
      released(PI_1, 4000),
      { type: 'OrderBalanceWrittenOff', data: { order_id: ORDER_ID, amount: 4000, occurred_at: NOW } },
    ]);
    expect(orderBalance(computeOrderTotals(order).total, order)).toMatchObject({ paid: 6000, written_off: 4000, outstanding: 0 });
  });

  describe('a refund spread over two payments (PI_1 60.00, PI_2 40.00 of a 100.00 order)', () => {
    const PAID_TWICE: OrderEvent[] = [
      ...ORDER_100,
      { type: 'PaymentIntentCreated', data: { order_id: ORDER_ID, payment_intent_id: PI_1, amount: 6000, currency: 'USD', capture_method: 'automatic', customer_id: null, occurred_at: NOW } },
      { type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: CARD, occurred_at: NOW } },
      processingStarted(PI_1, 'a1', 6000, true),
      captured(PI_1, 'a1', 6000, true, 'cap_a'),
      { type: 'PaymentIntentCreated', data: { order_id: ORDER_ID, payment_intent_id: PI_2, amount: 4000, currency: 'USD', capture_method: 'automatic', customer_id: null, occurred_at: NOW } },
      { type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_2, payment_method: CARD, occurred_at: NOW } },
      processingStarted(PI_2, 'a2', 4000, true),
      captured(PI_2, 'a2', 4000, true, 'cap_b'),
    ];
    const lines = [{ line_item_id: LI_1, quantity: 4, amount: 8000 }];
    const spread: OrderEvent = {
      type: 'RefundRequested',
      data: {
        order_id: ORDER_ID,
        refund_id: REF_1,
        amount: 8000,
        reason: null,
        line_items: lines,
        parts: [
          { payment_intent_id: PI_1, attempt_key: KEY_3, amount: 6000 },
          { payment_intent_id: PI_2, attempt_key: `${KEY_3}-2`, amount: 2000 },
        ],
        occurred_at: NOW,
      },
    };

    it('is pending until every part settles, and succeeded (lines booked) when all did', () => {
      const one = state([...PAID_TWICE, spread, refundSucceeded(6000, REF_1, KEY_3, PI_1)]);
      expect(one.refunds[0]).toMatchObject({ status: 'pending', amount: 8000 });
      expect(one.refunded).toBe(6000);
      const both = state([...PAID_TWICE, spread, refundSucceeded(6000, REF_1, KEY_3, PI_1), refundSucceeded(2000, REF_1, `${KEY_3}-2`, PI_2)]);
      expect(both.refunds[0]?.status).toBe('succeeded');
      expect(both.payment_intents.map((pi) => pi.refunded)).toEqual([6000, 2000]);
      expect(lineRefunds(both).get(LI_1)).toMatchObject({ refunded_quantity: 4, refunded_amount: 8000 });
    });

    it('partially_succeeded when one part fails: the money that went back counts, the lines stay booked (the failed part is finished another way)', () => {
      const mixed = state([...PAID_TWICE, spread, refundSucceeded(6000, REF_1, KEY_3, PI_1), refundFailed(2000, REF_1, `${KEY_3}-2`, PI_2)]);
      expect(mixed.refunds[0]?.status).toBe('partially_succeeded');
      expect(mixed.refunded).toBe(6000);
      expect(refundableOf(mixed, mixed.payment_intents[1]!)).toBe(4000);
      expect(lineRefunds(mixed).get(LI_1)).toMatchObject({ refunded_quantity: 4, reserved_quantity: 4 });
    });
  });

  it('reads a refund written before refunds had parts (payment_intent_id and attempt_key on the event) as one part', () => {
    const legacy: OrderEvent = {
      type: 'RefundRequested',
      data: { order_id: ORDER_ID, refund_id: REF_1, payment_intent_id: PI_1, attempt_key: KEY_3, amount: 2000, reason: null, line_items: [], occurred_at: NOW },
    };
    const done = state([...AUTHORIZED, captureStarted(), captured(), legacy, refundSucceeded(2000)]);
    expect(done.refunds[0]).toMatchObject({ status: 'succeeded', parts: [{ payment_intent_id: PI_1, attempt_key: KEY_3, amount: 2000, status: 'succeeded' }] });
    expect(done.refunded).toBe(2000);
  });
});
