import { validateMoney } from '../../../money/money.js';
import type { LineItem } from '../../model/order-state.js';
import { requireRecord, validateId, validateMetadata, validateName, validateQuantity, validateSku } from './fields.js';

/** A new line item, fully checked on its own (not yet against the order's other lines). */
export function validateLineItemInput(value: unknown, field: string, currency: string): LineItem {
  const input = requireRecord(value, field);
  return {
    id: validateId('li_', input['id'], `${field}.id`),
    name: validateName(input['name'], `${field}.name`),
    quantity: validateQuantity(input['quantity'], `${field}.quantity`),
    unit_price_money: validateMoney(input['unit_price_money'], `${field}.unit_price_money`, currency),
    sku: validateSku(input['sku'], `${field}.sku`),
    metadata: validateMetadata(input['metadata'], `${field}.metadata`),
  };
}
