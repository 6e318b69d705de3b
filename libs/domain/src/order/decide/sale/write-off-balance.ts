import type { WriteOffBalance } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { OrderBalanceWrittenOff } from '../../model/order-events.js';
import type { OrderState } from '../../model/order-state.js';
import { issuedInvoice, onlinePaymentResolving } from '../../rules/collection-guards.js';
import { requireOrder } from '../../rules/order-guards.js';

/**
 * A closed order owes money again only when offline money was reversed after closing (a check
 * that bounced): this writes that balance off as bad debt, as closing would have. An open order
 * is closed instead (ORDER_OPEN); an issued invoice holding it is marked uncollectible instead
 * (ORDER_HELD_BY_INVOICE); nothing owed is NOTHING_OUTSTANDING.
 */
export function decideWriteOffBalance(command: WriteOffBalance, state: OrderState): OrderBalanceWrittenOff[] {
  const order = requireOrder(state, command.data.order_id);
  if (order.status === 'open') throw orderError('ORDER_OPEN', `order ${order.id} is open: close it, which writes off what is left`);
  const invoice = issuedInvoice(order);
  if (invoice) throw orderError('ORDER_HELD_BY_INVOICE', `invoice ${invoice.id} holds order ${order.id}: mark it uncollectible instead`);
  if (onlinePaymentResolving(order)) throw orderError('PAYMENT_IN_PROGRESS', `a payment of order ${order.id} is being decided; write off when it has settled`);
  if (order.reopened <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} owes nothing`);
  return [{ type: 'OrderBalanceWrittenOff', data: { order_id: order.id, amount: order.reopened, occurred_at: command.now } }];
}
