import type { ApplyDiscount } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { DiscountApplied } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import { MAX_DISCOUNTS } from '../../model/order-limits.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import { validateDiscountInput } from '../../rules/validation/discount-input.js';

export function decideApplyDiscount(command: ApplyDiscount, state: OrderState): DiscountApplied[] {
  const order = requireEditableOrder(state, command.data.order_id);
  return [discountApplied(order, command.data.discount, 'discount', command.now)];
}

/** Shared with CreateOrder. */
export function discountApplied(order: ExistingOrder, value: unknown, field: string, now: string): DiscountApplied {
  const discount = validateDiscountInput(value, field, order.currency);
  if (order.discounts.some((existing) => existing.id === discount.id)) {
    throw orderError('DISCOUNT_ALREADY_EXISTS', `discount ${discount.id} is already on the order`, `${field}.id`);
  }
  discount.line_item_ids.forEach((id, i) => {
    if (!order.line_items.some((item) => item.id === id)) {
      throw orderError('DISCOUNT_TARGET_NOT_FOUND', `line item ${id} is not on the order`, `${field}.line_item_ids[${i}]`);
    }
  });
  if (order.discounts.length >= MAX_DISCOUNTS) throw orderError('TOO_MANY_DISCOUNTS', `an order holds at most ${MAX_DISCOUNTS} discounts`);
  const common = { order_id: order.id, discount_id: discount.id, name: discount.name, scope: discount.scope, line_item_ids: discount.line_item_ids, occurred_at: now };
  return {
    type: 'DiscountApplied',
    data:
      discount.type === 'fixed'
        ? { ...common, type: 'fixed', amount_money: discount.amount_money, percentage: null }
        : { ...common, type: 'percentage', amount_money: null, percentage: discount.percentage },
  };
}
