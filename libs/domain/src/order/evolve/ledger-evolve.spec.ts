import { fold } from '../../core/decider.js';
import { manualPaymentRecorded, manualPaymentReversed, MP_1 } from '../../testing/collection-fixtures.js';
import { NOW, ORDER_ID } from '../../testing/order-fixtures.js';
import { AUTHORIZED, CAPTURED, captured, captureStarted, KEY_2, ORDER_100, PI_1, PI_2, refundRequested, refundSucceeded } from '../../testing/payment-fixtures.js';
import type { OrderEvent } from '../model/order-events.js';
import type { ExistingOrder } from '../model/order-state.js';
import { orderDecider } from '../order-decider.js';
import { evolveLedger, ledgerOf } from './ledger-evolve.js';

const state = (events: OrderEvent[]) => fold(orderDecider, events) as ExistingOrder;
const closed: OrderEvent = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } };

describe('evolveLedger: the one fold that moves money counters', () => {
  it('counts a capture of an intent the order has, and not one of an intent it has not', () => {
    const before = state([...AUTHORIZED, captureStarted()]);
    expect(evolveLedger(before, captured()).captured).toBe(10000);
    expect(evolveLedger(before, captured(PI_2)).captured).toBe(0);
  });

  it('counts a refund part once, when it is still pending', () => {
    const pending = state([...CAPTURED, refundRequested(2500)]);
    expect(evolveLedger(pending, refundSucceeded(2500)).refunded).toBe(2500);
    const done = state([...CAPTURED, refundRequested(2500), refundSucceeded(2500)]);
    expect(done.refunded).toBe(2500);
    // The same part again, or a part the refund does not have: nothing moves.
    expect(evolveLedger(done, refundSucceeded(2500)).refunded).toBe(2500);
    expect(evolveLedger(done, refundSucceeded(2500, undefined, 'key-unknown')).refunded).toBe(2500);
  });

  it('reopens a closed order by a reversal and closes it again by money recorded', () => {
    const paidByHand = state([...ORDER_100, manualPaymentRecorded(10000, MP_1, null), closed]);
    const bounced = evolveLedger(paidByHand, manualPaymentReversed(10000, MP_1, null));
    expect(bounced).toMatchObject({ manual_reversed: 10000, reopened: 10000 });
    const afterBounce = state([...ORDER_100, manualPaymentRecorded(10000, MP_1, null), closed, manualPaymentReversed(10000, MP_1, null)]);
    expect(evolveLedger(afterBounce, manualPaymentRecorded(4000, 'mp_0000000000000009', null))).toMatchObject({ manual_recorded: 14000, reopened: 6000 });
  });

  it('is the only fold that moves them: the other facts of a payment leave the ledger as it was', () => {
    const before = state(AUTHORIZED);
    expect(ledgerOf(state([...AUTHORIZED, captureStarted(PI_1, KEY_2)]))).toEqual(ledgerOf(before));
  });
});
