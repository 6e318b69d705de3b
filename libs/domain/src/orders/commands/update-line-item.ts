import type { UpdateLineItem } from '../order-commands.js';
import { orderError } from '../order-errors.js';
import type { LineItemUpdated } from '../order-events.js';
import { requireEditableOrder } from '../order-guards.js';
import type { OrderState } from '../order-state.js';
import { validateLineItemChanges } from '../validation/line-item-changes.js';

export function decideUpdateLineItem(command: UpdateLineItem, state: OrderState): LineItemUpdated[] {
  const { order_id, line_item_id } = command.data;
  const order = requireEditableOrder(state, order_id);
  if (!order.line_items.some((item) => item.id === line_item_id)) {
    throw orderError('LINE_ITEM_NOT_FOUND', `line item ${line_item_id} is not on the order`, 'line_item_id');
  }
  const changes = validateLineItemChanges(command.data.changes, order.currency);
  return [{ type: 'LineItemUpdated', data: { order_id, line_item_id, changes, occurred_at: command.now } }];
}
