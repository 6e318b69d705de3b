import type { UpdateOrderDetails } from '../order-commands.js';
import type { OrderDetailsUpdated } from '../order-events.js';
import { requireOpenOrder } from '../order-guards.js';
import type { OrderState } from '../order-state.js';
import { validateOrderDetailsChanges } from '../validation/order-details-changes.js';

/** Details carry no money, so they stay editable after payment (not after close). */
export function decideUpdateOrderDetails(command: UpdateOrderDetails, state: OrderState): OrderDetailsUpdated[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const changes = validateOrderDetailsChanges(command.data.changes);
  return [{ type: 'OrderDetailsUpdated', data: { order_id: order.id, changes, occurred_at: command.now } }];
}
