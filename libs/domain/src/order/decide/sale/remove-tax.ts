import type { RemoveTax } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { TaxRemoved } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';

export function decideRemoveTax(command: RemoveTax, state: OrderState): TaxRemoved[] {
  const { order_id, tax_id } = command.data;
  const order = requireEditableOrder(state, order_id);
  if (!order.taxes.some((t) => t.id === tax_id)) throw orderError('TAX_NOT_FOUND', `tax ${tax_id} is not on the order`, 'tax_id');
  return [{ type: 'TaxRemoved', data: { order_id, tax_id, occurred_at: command.now } }];
}
