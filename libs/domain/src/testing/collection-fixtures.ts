import type { OrderEvent } from '../order/model/order-events.js';
import type { InvoiceSnapshot } from '../order/model/invoice-state.js';
import { CUS_1, LI_1, LI_2, NOW, ORDER_ID, usd } from './order-fixtures.js';

/* Builders for invoice and manual-payment tests: events as the decider emits them, at NOW by default. */

export const INV_1 = 'inv_0000000000000001';
export const INV_2 = 'inv_0000000000000002';
export const MP_1 = 'mp_0000000000000001';
export const MP_2 = 'mp_0000000000000002';
export const PAY_TOKEN = 'pay_token_0123456789abcdef';
/** NOW + 30 days. */
export const DUE_AT = '2025-03-31T10:05:00.000Z';

const base = (invoice_id = INV_1, occurred_at = NOW) => ({ order_id: ORDER_ID, invoice_id, occurred_at });

/** The snapshot of ORDER_100 (LI_1 4 × 20.00, LI_2 1 × 20.00) issued with nothing paid. */
export const SNAPSHOT_100: InvoiceSnapshot = {
  line_items: [
    { id: LI_1, name: 'Coffee', quantity: 4, unit_price_money: usd(2000), total_money: usd(8000) },
    { id: LI_2, name: 'Coffee', quantity: 1, unit_price_money: usd(2000), total_money: usd(2000) },
  ],
  subtotal: 10000,
  discount: 0,
  tax: 0,
  tip: 0,
  total: 10000,
  paid_before: 0,
  amount_due: 10000,
};

export const invoiceCreated = (invoice_id = INV_1, customer_id = CUS_1): OrderEvent => ({
  type: 'InvoiceCreated',
  data: { ...base(invoice_id), customer_id, days_until_due: 30, due_date: null, memo: null },
});
export const invoiceIssued = (invoice_id = INV_1, snapshot: InvoiceSnapshot = SNAPSHOT_100, due_at = DUE_AT, number = 'INV-0001'): OrderEvent => ({
  type: 'InvoiceIssued',
  data: { ...base(invoice_id), number, pay_token: PAY_TOKEN, due_at, snapshot },
});
export const invoiceVoided = (invoice_id = INV_1): OrderEvent => ({ type: 'InvoiceVoided', data: { ...base(invoice_id), reason: null } });
export const invoiceMarkedOverdue = (invoice_id = INV_1, amount_due = 10000): OrderEvent => ({ type: 'InvoiceMarkedOverdue', data: { ...base(invoice_id), due_at: DUE_AT, amount_due } });
export const manualPaymentRecorded = (amount: number, manual_payment_id = MP_1, invoice_id: string | null = INV_1, method: 'wire' | 'check' | 'cash' = 'wire'): OrderEvent => ({
  type: 'ManualPaymentRecorded',
  data: { order_id: ORDER_ID, manual_payment_id, invoice_id, amount, method, received_at: '2025-03-01T00:00:00.000Z', reference: null, note: null, occurred_at: NOW },
});
export const manualPaymentReversed = (amount: number, manual_payment_id = MP_1, invoice_id: string | null = INV_1): OrderEvent => ({
  type: 'ManualPaymentReversed',
  data: { order_id: ORDER_ID, manual_payment_id, invoice_id, amount, reason: 'check bounced', occurred_at: NOW },
});
