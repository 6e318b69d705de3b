import { orderDecider } from '../../order-decider.js';
import { INV_1, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { intentCreated, methodAttached, ORDER_100, processingStarted } from '../../../testing/payment-fixtures.js';
import { fold } from '../../../core/decider.js';
import { orderBalance } from '../../model/balance.js';
import { computeOrderTotals } from '../../rules/order-totals.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { invoiceStatus } from '../../rules/invoice-status.js';

const spec = deciderSpec(orderDecider);
const ISSUED = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued()];
const mark = command('MarkInvoiceUncollectible', { order_id: ORDER_ID, invoice_id: INV_1 });

describe('MarkInvoiceUncollectible', () => {
  it('writes off what is still owed, as its own fact', () => {
    const given = [...ISSUED, manualPaymentRecorded(2500)];
    spec.given(given).when(mark).then([{ type: 'InvoiceMarkedUncollectible', data: { order_id: ORDER_ID, invoice_id: INV_1, amount_written_off: 7500, occurred_at: NOW } }]);
    const after = fold(orderDecider, [...given, ...orderDecider.decide(mark, fold(orderDecider, given))]) as ExistingOrder;
    expect(orderBalance(computeOrderTotals(after).total, after)).toMatchObject({ paid: 2500, written_off: 7500, outstanding: 0 });
    expect(invoiceStatus(after.invoices[0], after)).toBe('uncollectible');
  });

  it('refuses a paid invoice with INVOICE_PAID', () => {
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(mark).thenThrows('INVOICE_PAID', { kind: 'conflict' });
  });

  it('refuses a draft or void invoice with INVOICE_NOT_OPEN', () => {
    spec.given(ISSUED.slice(0, -1)).when(mark).thenThrows('INVOICE_NOT_OPEN');
    spec.given([...ISSUED, invoiceVoided()]).when(mark).thenThrows('INVOICE_NOT_OPEN');
  });

  it('refuses while a card payment is being decided (INVOICE_PAYMENT_RESOLVING)', () => {
    spec.given([...ISSUED, intentCreated(undefined, 'automatic'), methodAttached(), processingStarted(undefined, undefined, 10000, true)]).when(mark).thenThrows('INVOICE_PAYMENT_RESOLVING');
  });
});
