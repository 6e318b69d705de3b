import type { Tip } from '../../model/order-state.js';
import { requireRecord } from './fields.js';
import { validatePricedBy } from './priced-by.js';

export function validateTipInput(value: unknown, field: string, currency: string): Tip {
  return validatePricedBy(requireRecord(value, field), field, currency, 'INVALID_TIP');
}
