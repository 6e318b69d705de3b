import { fold } from '../../../core/decider.js';
import { orderBalance } from '../../model/balance.js';
import { orderDecider } from '../../order-decider.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { computeOrderTotals } from '../../rules/order-totals.js';
import { invoiceCreated, invoiceIssued, manualPaymentRecorded, manualPaymentReversed, MP_1, MP_2 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { asMoneyInput, command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100, REF_1 } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const PAID_BY_WIRE = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued(), manualPaymentRecorded(6000), manualPaymentRecorded(4000, MP_2)];
const refund = (data: Record<string, unknown> = {}) =>
  command('RecordManualRefund', asMoneyInput({ order_id: ORDER_ID, manual_refund_id: REF_1, amount: 2500, method: 'bank_transfer', refunded_at: '2025-03-01', ...data }) as never);
const recorded = (amount = 2500, extra: Record<string, unknown> = {}): OrderEvent =>
  ({
    type: 'ManualRefundRecorded',
    data: { order_id: ORDER_ID, manual_refund_id: REF_1, amount, method: 'bank_transfer', refunded_at: '2025-03-01T00:00:00.000Z', reference: null, reason: null, occurred_at: NOW, ...extra },
  }) as OrderEvent;

describe('RecordManualRefund', () => {
  it('records money given back outside Ordo: refunded and net_paid move, the balance does not reopen', () => {
    spec.given(PAID_BY_WIRE).when(refund({ reference: 'TRF-9', reason: 'requested_by_customer' })).then([recorded(2500, { reference: 'TRF-9', reason: 'requested_by_customer' })]);
    const after = fold(orderDecider, [...PAID_BY_WIRE, recorded()]) as ExistingOrder;
    expect(orderBalance(computeOrderTotals(after).total, after)).toMatchObject({ paid: 10000, refunded: 2500, net_paid: 7500, outstanding: 0, refund_status: 'partially_refunded' });
  });

  it('is allowed on a closed order, like card refunds', () => {
    const closed = [...PAID_BY_WIRE, { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } } as OrderEvent];
    spec.given(closed).when(refund({ amount: 10000 })).then([recorded(10000)]);
  });

  it('refuses more than was received by hand and not reversed or refunded (REFUND_EXCEEDS_REFUNDABLE)', () => {
    spec.given([...PAID_BY_WIRE, manualPaymentReversed(4000, MP_2)]).when(refund({ amount: 6001 })).thenThrows('REFUND_EXCEEDS_REFUNDABLE', { kind: 'business', field: 'amount_money' });
    spec.given([...PAID_BY_WIRE, recorded(8000)]).when(refund({ manual_refund_id: 'ref_0000000000000009', amount: 2001 })).thenThrows('REFUND_EXCEEDS_REFUNDABLE');
  });

  it('refuses a reused id with MANUAL_REFUND_ALREADY_EXISTS', () => {
    spec.given([...PAID_BY_WIRE, recorded()]).when(refund()).thenThrows('MANUAL_REFUND_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it.each([
    ['refunded_at', { refunded_at: '2025-02-30' }, 'INVALID_REFUNDED_AT'],
    ['refunded_at', { refunded_at: '2999-01-01' }, 'INVALID_REFUNDED_AT'],
    ['method', { method: 'crypto' }, 'INVALID_MANUAL_PAYMENT_METHOD'],
    ['reason', { reason: 'changed_mind' }, 'INVALID_REQUEST'],
    ['amount_money.amount', { amount: -1 }, 'INVALID_AMOUNT'],
  ])('refuses a bad %s', (field, data, code) => {
    spec.given(PAID_BY_WIRE).when(refund(data)).thenThrows(code, { kind: 'validation', field });
  });

  it("refuses money in another currency than the order's with CURRENCY_MISMATCH", () => {
    spec.given(PAID_BY_WIRE).when(refund({ currency: 'EUR' })).thenThrows('CURRENCY_MISMATCH', { kind: 'business', field: 'amount_money.currency' });
  });

  it('a manual payment already refunded by hand cannot be reversed beyond what is left (MANUAL_PAYMENT_REFUNDED)', () => {
    const refunded = [...PAID_BY_WIRE, recorded(8000)];
    spec.given(refunded).when(command('ReverseManualPayment', { order_id: ORDER_ID, manual_payment_id: MP_1, reason: 'bounced' })).thenThrows('MANUAL_PAYMENT_REFUNDED', { kind: 'conflict' });
    spec.given(refunded).when(command('ReverseManualPayment', { order_id: ORDER_ID, manual_payment_id: MP_2, reason: 'bounced' })).thenThrows('MANUAL_PAYMENT_REFUNDED');
    spec.given([...PAID_BY_WIRE, recorded(2000)]).when(command('ReverseManualPayment', { order_id: ORDER_ID, manual_payment_id: MP_2, reason: 'check bounced' })).then([manualPaymentReversed(4000, MP_2)]);
  });
});
