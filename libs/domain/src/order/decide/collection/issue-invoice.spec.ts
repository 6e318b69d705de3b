import { orderDecider } from '../../order-decider.js';
import { DUE_AT, INV_1, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded, PAY_TOKEN, SNAPSHOT_100 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { authorized, intentCreated, ORDER_100, processingStarted } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const ORDER = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const DRAFT = [...ORDER, invoiceCreated()];
const issue = (number = 'INV-0001', pay_token = PAY_TOKEN) => command('IssueInvoice', { order_id: ORDER_ID, invoice_id: INV_1, number, pay_token });

describe('IssueInvoice', () => {
  it('freezes what is billed, numbers it and sets the due date', () => {
    spec.given(DRAFT).when(issue()).then([invoiceIssued()]);
  });

  it('bills only what is still owed when part was paid before', () => {
    const paidBefore = [...ORDER, manualPaymentRecorded(3000, undefined, null), invoiceCreated()];
    spec
      .given(paidBefore)
      .when(issue())
      .then([{ type: 'InvoiceIssued', data: { order_id: ORDER_ID, invoice_id: INV_1, number: 'INV-0001', pay_token: PAY_TOKEN, due_at: DUE_AT, snapshot: { ...SNAPSHOT_100, paid_before: 3000, amount_due: 7000 }, occurred_at: NOW } }]);
  });

  it('uses a fixed due date at the end of that day', () => {
    const withDate = [...ORDER, { ...invoiceCreated(), data: { ...invoiceCreated().data, due_date: '2025-04-15' } } as never];
    spec.given(withDate).when(issue()).then([invoiceIssued(undefined, undefined, '2025-04-15T23:59:59.999Z')]);
  });

  it('refuses a due date already past with INVALID_DUE_DATE', () => {
    const past = [...ORDER, { ...invoiceCreated(), data: { ...invoiceCreated().data, due_date: '2025-02-01' } } as never];
    spec.given(past).when(issue()).thenThrows('INVALID_DUE_DATE');
  });

  it('refuses an issued or void invoice with INVOICE_NOT_DRAFT', () => {
    spec.given([...DRAFT, invoiceIssued()]).when(issue()).thenThrows('INVOICE_NOT_DRAFT', { kind: 'conflict' });
    spec.given([...DRAFT, invoiceVoided()]).when(issue()).thenThrows('INVOICE_NOT_DRAFT');
  });

  it('refuses an empty order with EMPTY_INVOICE', () => {
    spec.given([orderCreated({ customer_id: CUS_1 }), invoiceCreated()]).when(issue()).thenThrows('EMPTY_INVOICE', { kind: 'business' });
  });

  it('refuses a fully paid order with NOTHING_OUTSTANDING', () => {
    spec.given([...ORDER, invoiceCreated(), manualPaymentRecorded(10000, undefined, null)]).when(issue()).thenThrows('NOTHING_OUTSTANDING');
  });

  it('refuses while a card authorization holds money (PAYMENT_IN_PROGRESS)', () => {
    spec.given([...DRAFT, intentCreated(), processingStarted(), authorized()]).when(issue()).thenThrows('PAYMENT_IN_PROGRESS', { kind: 'conflict' });
  });

  it('refuses a malformed number with INVALID_INVOICE_NUMBER and a short pay token with INVALID_REQUEST', () => {
    spec.given(DRAFT).when(issue('INV 1')).thenThrows('INVALID_INVOICE_NUMBER', { kind: 'validation', field: 'number' });
    spec.given(DRAFT).when(issue('INV-1', 'short')).thenThrows('INVALID_REQUEST', { field: 'pay_token' });
  });
});
