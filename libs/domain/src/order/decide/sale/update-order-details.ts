import { orderError } from '../../model/order-errors.js';
import type { UpdateOrderDetails } from '../../model/order-commands.js';
import type { OrderDetailsUpdated } from '../../model/order-events.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateOrderDetailsChanges } from '../../rules/validation/order-details-changes.js';

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
