import type { ApplyTax } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { TaxApplied } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import { MAX_TAXES } from '../../model/order-limits.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import { validateTaxInput } from '../../rules/validation/tax-input.js';

export function decideApplyTax(command: ApplyTax, state: OrderState): TaxApplied[] {
  const order = requireEditableOrder(state, command.data.order_id);
  return [taxApplied(order, command.data.tax, 'tax', command.now)];
}

/** Shared with CreateOrder. */
export function taxApplied(order: ExistingOrder, value: unknown, field: string, now: string): TaxApplied {
  const tax = validateTaxInput(value, field);
  if (order.taxes.some((existing) => existing.id === tax.id)) throw orderError('TAX_ALREADY_EXISTS', `tax ${tax.id} is already on the order`, `${field}.id`);
  tax.line_item_ids.forEach((id, i) => {
    if (!order.line_items.some((item) => item.id === id)) {
      throw orderError('TAX_TARGET_NOT_FOUND', `line item ${id} is not on the order`, `${field}.line_item_ids[${i}]`);
    }
  });
  if (order.taxes.length >= MAX_TAXES) throw orderError('TOO_MANY_TAXES', `an order holds at most ${MAX_TAXES} taxes`);
  const { id, name, percentage, inclusion, scope, line_item_ids } = tax;
  return { type: 'TaxApplied', data: { order_id: order.id, tax_id: id, name, percentage, inclusion, scope, line_item_ids, occurred_at: now } };
}
