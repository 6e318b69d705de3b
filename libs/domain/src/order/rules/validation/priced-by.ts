import { validateMoney, type Money } from '../../../money/money.js';
import { validatePercentage } from '../../../money/percentage.js';
import { orderError, type OrderErrorCode } from '../../model/order-errors.js';

export type PricedBy = { type: 'fixed'; amount_money: Money; percentage: null } | { type: 'percentage'; amount_money: null; percentage: string };

const absent = (value: unknown) => value === undefined || value === null;

/**
 * Discounts and tips are either a fixed amount or a percentage, never both: `type` says which,
 * and exactly the matching field must be given. `invalid` is the code for a shape mistake.
 */
export function validatePricedBy(input: Record<string, unknown>, field: string, currency: string, invalid: Extract<OrderErrorCode, 'INVALID_DISCOUNT' | 'INVALID_TIP'>): PricedBy {
  const { type, amount_money, percentage } = input;
  if (type === 'fixed') {
    if (absent(amount_money)) throw orderError(invalid, `a fixed ${field} needs amount_money`, `${field}.amount_money`);
    if (!absent(percentage)) throw orderError(invalid, `a fixed ${field} takes no percentage`, `${field}.percentage`);
    return { type, amount_money: validateMoney(amount_money, `${field}.amount_money`, currency), percentage: null };
  }
  if (type === 'percentage') {
    if (absent(percentage)) throw orderError(invalid, `a percentage ${field} needs percentage`, `${field}.percentage`);
    if (!absent(amount_money)) throw orderError(invalid, `a percentage ${field} takes no amount_money`, `${field}.amount_money`);
    return { type, amount_money: null, percentage: validatePercentage(percentage, `${field}.percentage`) };
  }
  throw orderError(invalid, `${field}.type must be "fixed" or "percentage"`, `${field}.type`);
}
