import type { CloseOrder } from '../order-commands.js';
import { orderError } from '../order-errors.js';
import type { OrderClosed } from '../order-events.js';
import { requireOpenOrder } from '../order-guards.js';
import type { OrderState } from '../order-state.js';

/** Closing twice is refused (ORDER_CLOSED) rather than ignored, so a retry is visible as such. */
export function decideCloseOrder(command: CloseOrder, state: OrderState): OrderClosed[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const reason = command.data.reason ?? 'completed';
  if (reason !== 'completed' && reason !== 'canceled') throw orderError('INVALID_REQUEST', 'reason must be "completed" or "canceled"', 'reason');
  return [{ type: 'OrderClosed', data: { order_id: order.id, reason, occurred_at: command.now } }];
}
