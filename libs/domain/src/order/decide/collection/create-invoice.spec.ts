import { orderDecider } from '../../order-decider.js';
import { INV_1, INV_2, invoiceCreated, invoiceIssued, invoiceVoided } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated, nthId } from '../../../testing/order-fixtures.js';
import { captured, intentCreated, ORDER_100, processingStarted } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const CUS_2 = nthId('cus_', 2);
const create = (data: Partial<{ invoice_id: string; customer_id: string | null; days_until_due: unknown; due_date: unknown; memo: unknown }> = {}) =>
  command('CreateInvoice', { order_id: ORDER_ID, invoice_id: INV_1, customer_id: CUS_1, ...data } as never);
const ORDER_FOR_CUS_1 = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];

describe('CreateInvoice', () => {
  it('drafts an invoice for the order’s customer, due 30 days after issue by default', () => {
    spec
      .given(ORDER_FOR_CUS_1)
      .when(create({ customer_id: null }))
      .then([{ type: 'InvoiceCreated', data: { order_id: ORDER_ID, invoice_id: INV_1, customer_id: CUS_1, days_until_due: 30, due_date: null, memo: null, occurred_at: NOW } }]);
  });

  it('gives an order without a customer the invoice’s customer', () => {
    spec
      .given(ORDER_100)
      .when(create({ days_until_due: 14, due_date: '2025-04-30', memo: 'Net 14' }))
      .then([
        { type: 'OrderDetailsUpdated', data: { order_id: ORDER_ID, changes: { customer_id: CUS_1 }, occurred_at: NOW } },
        { type: 'InvoiceCreated', data: { order_id: ORDER_ID, invoice_id: INV_1, customer_id: CUS_1, days_until_due: 14, due_date: '2025-04-30', memo: 'Net 14', occurred_at: NOW } },
      ]);
  });

  it('allows a new invoice once the previous one is void', () => {
    spec.given([...ORDER_FOR_CUS_1, invoiceCreated(), invoiceVoided()]).when(create({ invoice_id: INV_2 })).then([invoiceCreated(INV_2)]);
  });

  it('refuses a second collector with ORDER_ALREADY_INVOICED', () => {
    spec.given([...ORDER_FOR_CUS_1, invoiceCreated(), invoiceIssued()]).when(create({ invoice_id: INV_2 })).thenThrows('ORDER_ALREADY_INVOICED', { kind: 'conflict' });
  });

  it('refuses a reused id with INVOICE_ALREADY_EXISTS', () => {
    spec.given([...ORDER_FOR_CUS_1, invoiceCreated(), invoiceVoided()]).when(create()).thenThrows('INVOICE_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it('refuses an order without a customer when none is given (CUSTOMER_REQUIRED)', () => {
    spec.given(ORDER_100).when(create({ customer_id: null })).thenThrows('CUSTOMER_REQUIRED', { kind: 'business', field: 'customer_id' });
  });

  it('refuses another customer than the order’s (CUSTOMER_MISMATCH)', () => {
    spec.given(ORDER_FOR_CUS_1).when(create({ customer_id: CUS_2 })).thenThrows('CUSTOMER_MISMATCH', { kind: 'business' });
  });

  it('refuses a paid order with NOTHING_OUTSTANDING', () => {
    spec.given([...ORDER_FOR_CUS_1, intentCreated(undefined, 'automatic'), processingStarted(undefined, undefined, 10000, true), captured(undefined, 'key-1')]).when(create()).thenThrows('NOTHING_OUTSTANDING');
  });

  it.each([
    ['days_until_due', { days_until_due: 366 }, 'INVALID_DAYS_UNTIL_DUE'],
    ['days_until_due', { days_until_due: 1.5 }, 'INVALID_DAYS_UNTIL_DUE'],
    ['due_date', { due_date: '2025-02-30' }, 'INVALID_DUE_DATE'],
    ['due_date', { due_date: '30/04/2025' }, 'INVALID_DUE_DATE'],
    ['memo', { memo: 'x'.repeat(1001) }, 'INVALID_MEMO'],
    ['invoice_id', { invoice_id: 'ord_0000000000000001' }, 'INVALID_ID'],
  ])('refuses a bad %s', (field, data, code) => {
    spec.given(ORDER_FOR_CUS_1).when(create(data)).thenThrows(code, { kind: 'validation', field });
  });

  it('refuses a closed order with ORDER_CLOSED', () => {
    spec.given([...ORDER_FOR_CUS_1, { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'canceled', occurred_at: NOW } }]).when(create()).thenThrows('ORDER_CLOSED');
  });
});
