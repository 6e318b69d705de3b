import { validateMoney } from '../../../money/money.js';
import type { LineItemChanges } from '../../model/order-events.js';
import { orderError } from '../../model/order-errors.js';
import { requireRecord, validateMetadata, validateName, validateQuantity, validateSku } from './fields.js';

/** Keeps the keys that are present (not undefined), each checked; none at all is NO_CHANGES. */
export function validateLineItemChanges(value: unknown, currency: string): LineItemChanges {
  const input = requireRecord(value, 'changes');
  const changes: LineItemChanges = {};
  if (input['name'] !== undefined) changes.name = validateName(input['name'], 'changes.name');
  if (input['quantity'] !== undefined) changes.quantity = validateQuantity(input['quantity'], 'changes.quantity');
  if (input['unit_price_money'] !== undefined) changes.unit_price_money = validateMoney(input['unit_price_money'], 'changes.unit_price_money', currency);
  if (input['sku'] !== undefined) changes.sku = validateSku(input['sku'], 'changes.sku');
  if (input['metadata'] !== undefined) changes.metadata = validateMetadata(input['metadata'], 'changes.metadata');
  if (Object.keys(changes).length === 0) throw orderError('NO_CHANGES', 'changes must change at least one of name, quantity, unit_price_money, sku, metadata', 'changes');
  return changes;
}
