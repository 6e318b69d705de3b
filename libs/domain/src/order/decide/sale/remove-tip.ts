import type { RemoveTip } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { TipRemoved } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';

export function decideRemoveTip(command: RemoveTip, state: OrderState): TipRemoved[] {
  const order = requireEditableOrder(state, command.data.order_id);
  if (order.tip === null) throw orderError('TIP_NOT_SET', 'the order has no tip to remove');
  return [{ type: 'TipRemoved', data: { order_id: order.id, occurred_at: command.now } }];
}
