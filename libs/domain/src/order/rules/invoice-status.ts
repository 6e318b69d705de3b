import { orderBalance } from '../model/balance.js';
import type { ExistingOrder } from '../model/order-state.js';
import { computeOrderTotals } from './order-totals.js';
import type { Invoice, InvoiceStatus } from '../model/invoice-state.js';

/**
 * An issued invoice is paid once its order owes nothing, partially_paid once it has collected
 * something, open otherwise — so a reversed manual payment reopens a paid invoice by itself.
 */
export function invoiceStatus(invoice: Invoice, order: ExistingOrder): InvoiceStatus {
  if (invoice.lifecycle !== 'issued') return invoice.lifecycle;
  if (orderBalance(computeOrderTotals(order).total, order).outstanding <= 0) return 'paid';
  return invoice.collected > 0 ? 'partially_paid' : 'open';
}
