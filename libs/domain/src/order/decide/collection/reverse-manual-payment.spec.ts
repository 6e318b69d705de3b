import { fold } from '../../../core/decider.js';
import { orderBalance } from '../../model/balance.js';
import { orderDecider } from '../../order-decider.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { computeOrderTotals } from '../../rules/order-totals.js';
import { INV_1, INV_2, invoiceCreated, invoiceIssued, manualPaymentRecorded, manualPaymentReversed, MP_1, MP_2 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100 } from '../../../testing/payment-fixtures.js';
import { invoiceStatus } from '../../rules/invoice-status.js';

const spec = deciderSpec(orderDecider);
const PAID_BY_CHECK = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued(), manualPaymentRecorded(10000, MP_1, INV_1, 'check')];
const reverse = (data: Record<string, unknown> = {}) => command('ReverseManualPayment', { order_id: ORDER_ID, manual_payment_id: MP_1, reason: 'check bounced', ...data } as never);

describe('ReverseManualPayment', () => {
  it('reverses a bounced check: the balance and the invoice reopen', () => {
    const before = fold(orderDecider, PAID_BY_CHECK) as ExistingOrder;
    expect(invoiceStatus(before.invoices[0], before)).toBe('paid');
    spec.given(PAID_BY_CHECK).when(reverse({ invoice_id: INV_1 })).then([manualPaymentReversed(10000)]);
    const after = fold(orderDecider, [...PAID_BY_CHECK, manualPaymentReversed(10000)]) as ExistingOrder;
    expect(orderBalance(computeOrderTotals(after).total, after)).toMatchObject({ paid: 0, outstanding: 10000, payment_status: 'unpaid' });
    expect(invoiceStatus(after.invoices[0], after)).toBe('open');
  });

  it('is allowed on a closed order: the bounce is a fact whenever it comes', () => {
    const closed = [...PAID_BY_CHECK, { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } } as never];
    spec.given(closed).when(reverse()).then([manualPaymentReversed(10000)]);
  });

  it('refuses twice with MANUAL_PAYMENT_ALREADY_REVERSED', () => {
    spec.given([...PAID_BY_CHECK, manualPaymentReversed(10000)]).when(reverse()).thenThrows('MANUAL_PAYMENT_ALREADY_REVERSED', { kind: 'conflict' });
  });

  it('refuses an unknown payment, or one of another invoice, with MANUAL_PAYMENT_NOT_FOUND', () => {
    spec.given(PAID_BY_CHECK).when(reverse({ manual_payment_id: MP_2 })).thenThrows('MANUAL_PAYMENT_NOT_FOUND', { kind: 'not_found' });
    spec.given(PAID_BY_CHECK).when(reverse({ invoice_id: INV_2 })).thenThrows('MANUAL_PAYMENT_NOT_FOUND');
  });

  it('needs a reason (INVALID_REASON)', () => {
    spec.given(PAID_BY_CHECK).when(reverse({ reason: '' })).thenThrows('INVALID_REASON', { kind: 'validation', field: 'reason' });
    spec.given(PAID_BY_CHECK).when(reverse({ reason: undefined })).thenThrows('INVALID_REASON');
  });
});
