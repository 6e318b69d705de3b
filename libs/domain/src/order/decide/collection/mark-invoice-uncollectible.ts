import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import { hasPaymentInFlight } from '../../rules/payment-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { MarkInvoiceUncollectible } from '../../model/collection-commands.js';
import type { InvoiceMarkedUncollectible } from '../../model/collection-events.js';
import { onlinePaymentResolving, outstandingBalance, requireInvoice } from '../../rules/collection-guards.js';

/**
 * The merchant gives up on what is still owed: the remainder is written off (it moves the
 * order's written_off, so outstanding becomes 0) and the fact says how much, never silently.
 */
export function decideMarkInvoiceUncollectible(command: MarkInvoiceUncollectible, state: OrderState): InvoiceMarkedUncollectible[] {
  // A closed order too: a check that bounced after closing leaves money owed that only a write-off settles.
  const order = requireOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (invoice.lifecycle !== 'issued') throw orderError('INVOICE_NOT_OPEN', `invoice ${invoice.id} is ${invoice.lifecycle}: only an issued invoice can be marked uncollectible`);
  if (onlinePaymentResolving(order) || hasPaymentInFlight(order)) {
    throw orderError('INVOICE_PAYMENT_RESOLVING', `an online payment of invoice ${invoice.id} is being decided or holds an authorization: capture or cancel it first`);
  }
  const outstanding = outstandingBalance(order);
  if (outstanding <= 0) throw orderError('INVOICE_PAID', `invoice ${invoice.id} is paid`);
  return [{ type: 'InvoiceMarkedUncollectible', data: { order_id: order.id, invoice_id: invoice.id, amount_written_off: outstanding, occurred_at: command.now } }];
}
