import { orderBalance } from '../orders/balance.js';
import type { ExistingOrder } from '../orders/order-state.js';
import { computeOrderTotals } from '../orders/order-totals.js';
import type { Invoice, InvoiceStatus } from './invoice-state.js';

/**
 * An issued invoice's status follows its order's balance: paid once nothing is outstanding,
 * partially_paid once more was paid than before it was issued, open otherwise. A reversed manual
 * payment therefore reopens a paid invoice by itself.
 */
export function invoiceStatus(invoice: Invoice, order: ExistingOrder): InvoiceStatus {
  if (invoice.lifecycle !== 'issued') return invoice.lifecycle;
  const balance = orderBalance(computeOrderTotals(order).total, order);
  if (balance.outstanding <= 0) return 'paid';
  return balance.paid > (invoice.snapshot?.paid_before ?? 0) ? 'partially_paid' : 'open';
}

/** What the invoice has collected since it was issued (never below 0). */
export function invoiceAmountPaid(invoice: Invoice, order: ExistingOrder): number {
  if (!invoice.snapshot) return 0;
  const balance = orderBalance(computeOrderTotals(order).total, order);
  return Math.max(0, balance.paid - invoice.snapshot.paid_before);
}
