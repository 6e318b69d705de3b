import { orderDecider } from '../../order-decider.js';
import { INV_1, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded, manualPaymentReversed, SNAPSHOT_100 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { intentCreated, methodAttached, ORDER_100, processingStarted } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const ORDER = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const ISSUED = [...ORDER, invoiceCreated(), invoiceIssued()];
const voidIt = (reason: string | null = 'sent twice') => command('VoidInvoice', { order_id: ORDER_ID, invoice_id: INV_1, reason });

describe('VoidInvoice', () => {
  it('voids an issued invoice that collected nothing', () => {
    spec.given(ISSUED).when(voidIt()).then([{ type: 'InvoiceVoided', data: { order_id: ORDER_ID, invoice_id: INV_1, reason: 'sent twice', occurred_at: NOW } }]);
  });

  it('voids a draft', () => {
    spec.given([...ORDER, invoiceCreated()]).when(voidIt(null)).then([invoiceVoided()]);
  });

  it('voids an invoice whose only payment was reversed', () => {
    spec.given([...ISSUED, manualPaymentRecorded(4000), manualPaymentReversed(4000)]).when(voidIt(null)).then([invoiceVoided()]);
  });

  it('voids an invoice issued after an earlier payment, which it did not collect', () => {
    const before = [...ORDER, manualPaymentRecorded(3000, undefined, null), invoiceCreated(), invoiceIssued(undefined, { ...SNAPSHOT_100, paid_before: 3000, amount_due: 7000 })];
    spec.given(before).when(voidIt(null)).then([invoiceVoided()]);
  });

  it('refuses once the invoice collected money (INVOICE_HAS_PAYMENTS)', () => {
    spec.given([...ISSUED, manualPaymentRecorded(4000)]).when(voidIt()).thenThrows('INVOICE_HAS_PAYMENTS', { kind: 'conflict' });
  });

  it('refuses while a card payment is being decided (INVOICE_PAYMENT_RESOLVING)', () => {
    spec.given([...ISSUED, intentCreated(undefined, 'automatic'), methodAttached(), processingStarted(undefined, undefined, 10000, true)]).when(voidIt()).thenThrows('INVOICE_PAYMENT_RESOLVING', { kind: 'conflict' });
  });

  it('refuses a void invoice with INVOICE_NOT_OPEN', () => {
    spec.given([...ISSUED, invoiceVoided()]).when(voidIt()).thenThrows('INVOICE_NOT_OPEN');
  });

  it('refuses an over-long reason with INVALID_REASON', () => {
    spec.given(ISSUED).when(voidIt('x'.repeat(501))).thenThrows('INVALID_REASON', { kind: 'validation', field: 'reason' });
  });
});
