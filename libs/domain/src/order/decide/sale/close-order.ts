import type { InvoiceVoided } from '../../model/collection-events.js';
import type { CloseOrder } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { OrderBalanceWrittenOff, OrderClosed } from '../../model/order-events.js';
import { heldAmount } from '../../rules/payment-guards.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { orderBalance } from '../../model/balance.js';
import { computeOrderTotals } from '../../rules/order-totals.js';

/**
 * Closing twice is refused (ORDER_CLOSED) rather than ignored, so a retry is visible as such.
 * Closing is refused while a processor call is in flight or an uncaptured authorization is held
 * (PAYMENT_IN_PROGRESS): capture or cancel it first. When something was paid and something is
 * still outstanding, the remainder is written off (OrderBalanceWrittenOff) before the order
 * closes, so it stays visible in the timeline.
 */
export function decideCloseOrder(command: CloseOrder, state: OrderState): (InvoiceVoided | OrderBalanceWrittenOff | OrderClosed)[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const reason = command.data.reason ?? 'completed';
  if (reason !== 'completed' && reason !== 'canceled') throw orderError('INVALID_REQUEST', 'reason must be "completed" or "canceled"', 'reason');
  const busy = order.payment_intents.find((pi) => pi.pending !== null || heldAmount(pi) > 0);
  if (busy) {
    const doing = busy.status === 'processing' ? 'processing' : busy.status === 'requires_action' ? "waiting for the buyer's authentication" : 'holding an uncaptured authorization';
    throw orderError('PAYMENT_IN_PROGRESS', `payment intent ${busy.id} is ${doing}: capture, complete or cancel it first`);
  }
  const invoice = order.invoices.find((inv) => inv.lifecycle === 'issued');
  const owed = orderBalance(computeOrderTotals(order).total, order).outstanding;
  if (invoice && owed > 0) throw orderError('ORDER_HELD_BY_INVOICE', `invoice ${invoice.id} still collects ${owed}: void it or mark it uncollectible first`);
  const closed: OrderClosed = { type: 'OrderClosed', data: { order_id: order.id, reason, occurred_at: command.now } };
  // A draft would bill an order that can no longer collect: it is voided with the close.
  const draft = order.invoices.find((inv) => inv.lifecycle === 'draft');
  const voided: InvoiceVoided[] = draft ? [{ type: 'InvoiceVoided', data: { order_id: order.id, invoice_id: draft.id, reason: 'order closed', occurred_at: command.now } }] : [];
  const balance = orderBalance(computeOrderTotals(order).total, order);
  if (balance.paid > 0 && balance.outstanding > 0) {
    return [...voided, { type: 'OrderBalanceWrittenOff', data: { order_id: order.id, amount: balance.outstanding, occurred_at: command.now } }, closed];
  }
  return [...voided, closed];
}
