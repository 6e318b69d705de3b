import { orderError } from '../order-errors.js';
import type { UpdateOrderDetails } from '../order-commands.js';
import type { OrderDetailsUpdated } from '../order-events.js';
import { requireOpenOrder } from '../order-guards.js';
import type { OrderState } from '../order-state.js';
import { validateOrderDetailsChanges } from '../validation/order-details-changes.js';

/** Details carry no money, so they stay editable after payment (not after close). */
export function decideUpdateOrderDetails(command: UpdateOrderDetails, state: OrderState): OrderDetailsUpdated[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const changes = validateOrderDetailsChanges(command.data.changes);
  const invoice = order.invoices.find((inv) => inv.lifecycle === 'draft' || inv.lifecycle === 'issued');
  if (invoice && 'customer_id' in changes && changes.customer_id !== invoice.customer_id) {
    throw orderError('ORDER_HELD_BY_INVOICE', `invoice ${invoice.id} bills this order to customer ${invoice.customer_id}: void it to change the customer`, 'customer_id');
  }
  return [{ type: 'OrderDetailsUpdated', data: { order_id: order.id, changes, occurred_at: command.now } }];
}
