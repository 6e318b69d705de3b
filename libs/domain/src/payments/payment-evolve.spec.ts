import { fold } from '../core/decider.js';
import { orderBalance } from '../orders/balance.js';
import { orderDecider } from '../orders/order-decider.js';
import type { OrderEvent } from '../orders/order-events.js';
import type { ExistingOrder } from '../orders/order-state.js';
import { computeOrderTotals } from '../orders/order-totals.js';
import { LI_1, NOW, ORDER_ID } from '../testing/order-fixtures.js';
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
  PI_1,
  REF_1,
  REF_2,
  refundFailed,
  refundRequested,
  refundSucceeded,
  released,
} from '../testing/payment-fixtures.js';
import { lineRefunds, refundableOf } from './refund-lines.js';

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
});
