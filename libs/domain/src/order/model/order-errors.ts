import { DomainError, type DomainErrorKind } from '../../core/domain-error.js';
import { MONEY_ERROR_KINDS } from '../../money/money-errors.js';
import { COLLECTION_ERROR_KINDS } from './collection-errors.js';
import { CHECKOUT_ERROR_KINDS } from '../checkout/checkout-model.js';
import { PAYMENT_ERROR_KINDS } from './payment-errors.js';

/**
 * Every way an order command can be refused, with the kind (hence HTTP status family) of each.
 * validation = the command is malformed on its own; not_found = the order or the addressed part
 * of it does not exist; conflict = the order's current state forbids it; business = well formed
 * and addressed, but a rule refuses it.
 */
export const ORDER_ERROR_KINDS = {
  ...MONEY_ERROR_KINDS,
  ORDER_NOT_FOUND: 'not_found',
  ORDER_ALREADY_EXISTS: 'conflict',
  ORDER_CLOSED: 'conflict',
  /** A write-off of an open order's balance is what closing does. */
  ORDER_OPEN: 'conflict',
  LINE_ITEMS_LOCKED: 'conflict',
  INVALID_ID: 'validation',
  /** A structurally malformed command: a list that is not a list, an object that is not one. */
  INVALID_REQUEST: 'validation',
  INVALID_QUANTITY: 'validation',
  INVALID_NAME: 'validation',
  INVALID_SKU: 'validation',
  INVALID_NOTES: 'validation',
  INVALID_METADATA: 'validation',
  INVALID_DISCOUNT: 'validation',
  INVALID_TIP: 'validation',
  INVALID_TAX_INCLUSION: 'validation',
  NO_CHANGES: 'validation',
  TOO_MANY_LINE_ITEMS: 'business',
  TOO_MANY_DISCOUNTS: 'business',
  TOO_MANY_TAXES: 'business',
  LINE_ITEM_NOT_FOUND: 'not_found',
  LINE_ITEM_ALREADY_EXISTS: 'conflict',
  LINE_ITEM_REFERENCED: 'conflict',
  DISCOUNT_NOT_FOUND: 'not_found',
  DISCOUNT_ALREADY_EXISTS: 'conflict',
  DISCOUNT_TARGET_NOT_FOUND: 'business',
  TAX_NOT_FOUND: 'not_found',
  TAX_ALREADY_EXISTS: 'conflict',
  TAX_TARGET_NOT_FOUND: 'business',
  TIP_NOT_SET: 'conflict',
  ...PAYMENT_ERROR_KINDS,
  ...COLLECTION_ERROR_KINDS,
  ...CHECKOUT_ERROR_KINDS,
} as const satisfies Record<string, DomainErrorKind>;

export type OrderErrorCode = keyof typeof ORDER_ERROR_KINDS;

export const ORDER_ERROR_CODES: readonly OrderErrorCode[] = Object.freeze(Object.keys(ORDER_ERROR_KINDS) as OrderErrorCode[]);

export function orderError(code: OrderErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, ORDER_ERROR_KINDS[code], message, field);
}
