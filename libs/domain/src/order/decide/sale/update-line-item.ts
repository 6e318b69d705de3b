import type { UpdateLineItem } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { LineItemUpdated } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateLineItemChanges } from '../../rules/validation/line-item-changes.js';

export function decideUpdateLineItem(command: UpdateLineItem, state: OrderState): LineItemUpdated[] {
  const { order_id, line_item_id } = command.data;
  const order = requireEditableOrder(state, order_id);
  if (!order.line_items.some((item) => item.id === line_item_id)) {
    throw orderError('LINE_ITEM_NOT_FOUND', `line item ${line_item_id} is not on the order`, 'line_item_id');
  }
  const changes = validateLineItemChanges(command.data.changes, order.currency);
  return [{ type: 'LineItemUpdated', data: { order_id, line_item_id, changes, occurred_at: command.now } }];
}
