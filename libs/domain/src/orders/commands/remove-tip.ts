import type { RemoveTip } from '../order-commands.js';
import { orderError } from '../order-errors.js';
import type { TipRemoved } from '../order-events.js';
import { requireEditableOrder } from '../order-guards.js';
import type { OrderState } from '../order-state.js';

export function decideRemoveTip(command: RemoveTip, state: OrderState): TipRemoved[] {
  const order = requireEditableOrder(state, command.data.order_id);
  if (order.tip === null) throw orderError('TIP_NOT_SET', 'the order has no tip to remove');
  return [{ type: 'TipRemoved', data: { order_id: order.id, occurred_at: command.now } }];
}
