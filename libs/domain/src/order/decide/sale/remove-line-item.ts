import type { RemoveLineItem } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { LineItemRemoved } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';

/**
 * A line that a discount or tax names explicitly cannot be removed from under it: the merchant
 * removes (or re-applies) that discount or tax first, so no rule silently changes meaning.
 */
export function decideRemoveLineItem(command: RemoveLineItem, state: OrderState): LineItemRemoved[] {
  const { order_id, line_item_id } = command.data;
  const order = requireEditableOrder(state, order_id);
  if (!order.line_items.some((item) => item.id === line_item_id)) {
    throw orderError('LINE_ITEM_NOT_FOUND', `line item ${line_item_id} is not on the order`, 'line_item_id');
  }
  const referrer = [...order.discounts, ...order.taxes].find((rule) => rule.line_item_ids.includes(line_item_id));
  if (referrer) throw orderError('LINE_ITEM_REFERENCED', `line item ${line_item_id} is targeted by ${referrer.id}; remove that first`, 'line_item_id');
  return [{ type: 'LineItemRemoved', data: { order_id, line_item_id, occurred_at: command.now } }];
}
