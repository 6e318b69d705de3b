import type { OrderDetailsChanges } from '../../model/order-events.js';
import { orderError } from '../../model/order-errors.js';
import { requireRecord, validateId, validateMetadata, validateNotes } from './fields.js';

/** Keeps the keys that are present; null clears customer_id or notes; none at all is NO_CHANGES. */
export function validateOrderDetailsChanges(value: unknown): OrderDetailsChanges {
  const input = requireRecord(value, 'changes');
  const changes: OrderDetailsChanges = {};
  if (input['customer_id'] !== undefined) changes.customer_id = validateCustomerId(input['customer_id'], 'changes.customer_id');
  if (input['notes'] !== undefined) changes.notes = validateNotes(input['notes'], 'changes.notes');
  if (input['metadata'] !== undefined) changes.metadata = validateMetadata(input['metadata'], 'changes.metadata');
  if (Object.keys(changes).length === 0) throw orderError('NO_CHANGES', 'changes must change at least one of customer_id, notes, metadata', 'changes');
  return changes;
}

/** Absent or null → null (no customer). */
export function validateCustomerId(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : validateId('cus_', value, field);
}
