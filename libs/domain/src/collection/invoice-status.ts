import { orderBalance } from '../orders/balance.js';
import type { ExistingOrder } from '../orders/order-state.js';
import { computeOrderTotals } from '../orders/order-totals.js';
import type { Invoice, InvoiceStatus } from './invoice-state.js';

/**
 * An issued invoice is paid once its order owes nothing, partially_paid once it has collected
 * something, open otherwise — so a reversed manual payment reopens a paid invoice by itself.
 */
export function invoiceStatus(invoice: Invoice, order: ExistingOrder): InvoiceStatus {
  if (invoice.lifecycle !== 'issued') return invoice.lifecycle;
  if (orderBalance(computeOrderTotals(order).total, order).outstanding <= 0) return 'paid';
  return invoice.collected > 0 ? 'partially_paid' : 'open';
}
