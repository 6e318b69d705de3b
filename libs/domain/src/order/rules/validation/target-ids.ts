import type { Scope } from '../../../totals/totals-types.js';
import { optionalList, validateId } from './fields.js';

/**
 * Scope follows from the list: a non-empty `line_item_ids` targets those lines, anything else
 * the whole order. A repeated id is kept once (targeting a line twice means nothing more).
 */
export function validateTargets(value: unknown, field: string): { scope: Scope; line_item_ids: string[] } {
  const ids = optionalList(value, field).map((id, i) => validateId('li_', id, `${field}[${i}]`));
  const unique = [...new Set(ids)];
  return unique.length > 0 ? { scope: 'line_items', line_item_ids: unique } : { scope: 'order', line_item_ids: [] };
}
