import type { RemoveDiscount } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { DiscountRemoved } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';

export function decideRemoveDiscount(command: RemoveDiscount, state: OrderState): DiscountRemoved[] {
  const { order_id, discount_id } = command.data;
  const order = requireEditableOrder(state, order_id);
  if (!order.discounts.some((d) => d.id === discount_id)) throw orderError('DISCOUNT_NOT_FOUND', `discount ${discount_id} is not on the order`, 'discount_id');
  return [{ type: 'DiscountRemoved', data: { order_id, discount_id, occurred_at: command.now } }];
}
