import { validatePercentage } from '../../../money/percentage.js';
import { orderError } from '../../model/order-errors.js';
import type { Tax } from '../../model/order-state.js';
import { requireRecord, validateId, validateName } from './fields.js';
import { validateTargets } from './target-ids.js';

/** A new tax, checked on its own (its targets are checked against the order later). */
export function validateTaxInput(value: unknown, field: string): Tax {
  const input = requireRecord(value, field);
  const id = validateId('tax_', input['id'], `${field}.id`);
  const name = validateName(input['name'], `${field}.name`);
  const percentage = validatePercentage(input['percentage'], `${field}.percentage`);
  const inclusion = input['inclusion'];
  if (inclusion !== 'additive' && inclusion !== 'inclusive') {
    throw orderError('INVALID_TAX_INCLUSION', `${field}.inclusion must be "additive" or "inclusive"`, `${field}.inclusion`);
  }
  return { id, name, percentage, inclusion, ...validateTargets(input['line_item_ids'], `${field}.line_item_ids`) };
}
