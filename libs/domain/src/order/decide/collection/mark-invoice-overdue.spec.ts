import { orderDecider } from '../../order-decider.js';
import { DUE_AT, INV_1, invoiceCreated, invoiceIssued, invoiceMarkedOverdue, manualPaymentRecorded } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100 } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const ISSUED = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued()];
const AFTER_DUE = '2025-03-31T10:05:00.001Z';
const overdue = (now = AFTER_DUE) => command('MarkInvoiceOverdue', { order_id: ORDER_ID, invoice_id: INV_1 }, now);

describe('MarkInvoiceOverdue', () => {
  it('marks an unpaid invoice overdue a millisecond after its due date', () => {
    spec.given(ISSUED).when(overdue()).then([{ type: 'InvoiceMarkedOverdue', data: { order_id: ORDER_ID, invoice_id: INV_1, due_at: DUE_AT, amount_due: 10000, occurred_at: AFTER_DUE } }]);
  });

  it('refuses at the due date itself with INVOICE_NOT_DUE', () => {
    spec.given(ISSUED).when(overdue(DUE_AT)).thenThrows('INVOICE_NOT_DUE', { kind: 'conflict' });
  });

  it('refuses twice with INVOICE_ALREADY_OVERDUE', () => {
    spec.given([...ISSUED, invoiceMarkedOverdue()]).when(overdue()).thenThrows('INVOICE_ALREADY_OVERDUE');
  });

  it('refuses a paid invoice with INVOICE_PAID and a draft with INVOICE_NOT_OPEN', () => {
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(overdue()).thenThrows('INVOICE_PAID');
    spec.given(ISSUED.slice(0, -1)).when(overdue()).thenThrows('INVOICE_NOT_OPEN');
  });
});
