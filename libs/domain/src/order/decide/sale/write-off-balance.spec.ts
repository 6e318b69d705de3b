import { invoiceCreated, invoiceIssued, manualPaymentRecorded, manualPaymentReversed, MP_1 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100, PROCESSING } from '../../../testing/payment-fixtures.js';
import { fold } from '../../../core/decider.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { orderBalance } from '../../model/balance.js';
import { computeOrderTotals } from '../../rules/order-totals.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const writeOff = () => command('WriteOffBalance', { order_id: ORDER_ID });
const closed: OrderEvent = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } };
/** 100.00 paid by check, closed, then the check bounced: all of it is owed again. */
const BOUNCED_AFTER_CLOSING = [...ORDER_100, manualPaymentRecorded(10000, MP_1, null, 'check'), closed, manualPaymentReversed(10000, MP_1, null)];
const writtenOff = (amount: number): OrderEvent => ({ type: 'OrderBalanceWrittenOff', data: { order_id: ORDER_ID, amount, occurred_at: NOW } });

describe('WriteOffBalance', () => {
  it('writes off what a closed order owes again as bad debt: nothing owed or reopened, and the order stays unpaid', () => {
    spec.given(BOUNCED_AFTER_CLOSING).when(writeOff()).then([writtenOff(10000)]);
    const after = fold(orderDecider, [...BOUNCED_AFTER_CLOSING, writtenOff(10000)]) as ExistingOrder;
    expect(after.reopened).toBe(0);
    expect(orderBalance(computeOrderTotals(after).total, after)).toMatchObject({ written_off: 10000, outstanding: 0, payment_status: 'unpaid' });
  });

  it('refuses an open order with ORDER_OPEN (closing writes off what is left)', () => {
    spec.given(ORDER_100).when(writeOff()).thenThrows('ORDER_OPEN', { kind: 'conflict' });
  });

  it('refuses a closed order that owes nothing with NOTHING_OUTSTANDING', () => {
    spec.given([...ORDER_100, manualPaymentRecorded(10000, MP_1, null), closed]).when(writeOff()).thenThrows('NOTHING_OUTSTANDING');
  });

  it('refuses while an issued invoice holds the order with ORDER_HELD_BY_INVOICE (mark it uncollectible instead)', () => {
    const invoiced = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued(), manualPaymentRecorded(10000), closed, manualPaymentReversed(10000)];
    spec.given(invoiced).when(writeOff()).thenThrows('ORDER_HELD_BY_INVOICE');
  });

  it('refuses a missing order with ORDER_NOT_FOUND', () => {
    spec.given([]).when(writeOff()).thenThrows('ORDER_NOT_FOUND');
  });

  it('refuses while a card payment is being decided with PAYMENT_IN_PROGRESS', () => {
    spec.given([...PROCESSING.slice(0, 3), manualPaymentRecorded(10000, MP_1, null), closed, manualPaymentReversed(10000, MP_1, null), ...PROCESSING.slice(3)]).when(writeOff()).thenThrows('PAYMENT_IN_PROGRESS');
  });
});
