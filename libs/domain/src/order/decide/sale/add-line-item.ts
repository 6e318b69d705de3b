import type { AddLineItem } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { LineItemAdded } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import { MAX_LINE_ITEMS } from '../../model/order-limits.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import { validateLineItemInput } from '../../rules/validation/line-item-input.js';

export function decideAddLineItem(command: AddLineItem, state: OrderState): LineItemAdded[] {
  const order = requireEditableOrder(state, command.data.order_id);
  return [lineItemAdded(order, command.data.line_item, 'line_item', command.now)];
}

/** Shared with CreateOrder, which adds its lines one by one against the order being built. */
export function lineItemAdded(order: ExistingOrder, value: unknown, field: string, now: string): LineItemAdded {
  const item = validateLineItemInput(value, field, order.currency);
  if (order.line_items.some((existing) => existing.id === item.id)) {
    throw orderError('LINE_ITEM_ALREADY_EXISTS', `line item ${item.id} is already on the order`, `${field}.id`);
  }
  if (order.line_items.length >= MAX_LINE_ITEMS) throw orderError('TOO_MANY_LINE_ITEMS', `an order holds at most ${MAX_LINE_ITEMS} line items`);
  const { id, name, quantity, unit_price_money, sku, metadata } = item;
  return { type: 'LineItemAdded', data: { order_id: order.id, line_item_id: id, name, quantity, unit_price_money, sku, metadata, occurred_at: now } };
}
