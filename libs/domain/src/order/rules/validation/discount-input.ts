import type { Discount } from '../../model/order-state.js';
import { requireRecord, validateId, validateName } from './fields.js';
import { validatePricedBy } from './priced-by.js';
import { validateTargets } from './target-ids.js';

/** A new discount, checked on its own (its targets are checked against the order later). */
export function validateDiscountInput(value: unknown, field: string, currency: string): Discount {
  const input = requireRecord(value, field);
  const id = validateId('dsc_', input['id'], `${field}.id`);
  const name = validateName(input['name'], `${field}.name`);
  const pricedBy = validatePricedBy(input, field, currency, 'INVALID_DISCOUNT');
  return { id, name, ...pricedBy, ...validateTargets(input['line_item_ids'], `${field}.line_item_ids`) };
}
