import { orderDecider } from '../../order-decider.js';
import { INV_1, invoiceCreated, invoiceIssued } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100 } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const DRAFT = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated()];
const update = (changes: Record<string, unknown>) => command('UpdateInvoiceDraft', { order_id: ORDER_ID, invoice_id: INV_1, changes });

describe('UpdateInvoiceDraft', () => {
  it('changes the terms of a draft; null clears the due date', () => {
    spec
      .given(DRAFT)
      .when(update({ days_until_due: 7, due_date: null, memo: 'Thanks!' }))
      .then([{ type: 'InvoiceDraftUpdated', data: { order_id: ORDER_ID, invoice_id: INV_1, changes: { days_until_due: 7, due_date: null, memo: 'Thanks!' }, occurred_at: NOW } }]);
  });

  it('refuses an issued invoice with INVOICE_NOT_DRAFT', () => {
    spec.given([...DRAFT, invoiceIssued()]).when(update({ memo: 'late' })).thenThrows('INVOICE_NOT_DRAFT', { kind: 'conflict' });
  });

  it('refuses an empty change with NO_CHANGES', () => {
    spec.given(DRAFT).when(update({})).thenThrows('NO_CHANGES', { kind: 'validation' });
  });

  it('refuses an unknown invoice with INVOICE_NOT_FOUND', () => {
    spec.given(DRAFT).when(command('UpdateInvoiceDraft', { order_id: ORDER_ID, invoice_id: 'inv_0000000000000009', changes: { memo: 'x' } })).thenThrows('INVOICE_NOT_FOUND', { kind: 'not_found' });
  });
});
