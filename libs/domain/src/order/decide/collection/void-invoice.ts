import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import { hasPaymentInFlight } from '../../rules/payment-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { VoidInvoice } from '../../model/collection-commands.js';
import type { InvoiceVoided } from '../../model/collection-events.js';
import { MAX_REASON_LENGTH, onlinePaymentResolving, optionalText, requireInvoice } from '../../rules/collection-guards.js';

/**
 * Voiding withdraws the invoice and releases the order (its items unlock if nothing is paid).
 * Only while the invoice has collected nothing (INVOICE_HAS_PAYMENTS): money it took must be
 * reversed or refunded first. Refused while an online payment is being decided.
 */
export function decideVoidInvoice(command: VoidInvoice, state: OrderState): InvoiceVoided[] {
  const order = requireOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (invoice.lifecycle !== 'draft' && invoice.lifecycle !== 'issued') throw orderError('INVOICE_NOT_OPEN', `invoice ${invoice.id} is already ${invoice.lifecycle}`);
  const reason = optionalText(command.data.reason, 'reason', MAX_REASON_LENGTH, 'INVALID_REASON');
  if (invoice.lifecycle === 'issued') {
    if (onlinePaymentResolving(order) || hasPaymentInFlight(order)) {
      throw orderError('INVOICE_PAYMENT_RESOLVING', `an online payment of invoice ${invoice.id} is being decided or holds an authorization: let it settle, or cancel it`);
    }
    if (invoice.collected > 0) {
      throw orderError('INVOICE_HAS_PAYMENTS', `invoice ${invoice.id} has collected ${invoice.collected}: an invoice that took money cannot be voided (reverse manual payments that did not arrive, or mark it uncollectible)`);
    }
  }
  return [{ type: 'InvoiceVoided', data: { order_id: order.id, invoice_id: invoice.id, reason, occurred_at: command.now } }];
}
