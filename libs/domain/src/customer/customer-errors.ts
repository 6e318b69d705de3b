import { DomainError, type DomainErrorKind } from '../core/domain-error.js';

/**
 * Every way a customer command (or a charge of a saved method) can be refused. Field rules shared
 * with orders (INVALID_ID, INVALID_NAME, INVALID_METADATA, INVALID_PAYMENT_METHOD, NO_CHANGES)
 * keep their codes and kinds.
 */
export const CUSTOMER_ERROR_KINDS = {
  CUSTOMER_NOT_FOUND: 'not_found',
  CUSTOMER_ALREADY_EXISTS: 'conflict',
  INVALID_ID: 'validation',
  INVALID_NAME: 'validation',
  INVALID_METADATA: 'validation',
  INVALID_EMAIL: 'validation',
  INVALID_PHONE: 'validation',
  INVALID_ADDRESS: 'validation',
  INVALID_COUNTRY: 'validation',
  NO_CHANGES: 'validation',
  INVALID_PAYMENT_METHOD: 'validation',
  INVALID_USAGE: 'validation',
  TOO_MANY_PAYMENT_METHODS: 'business',
  PAYMENT_METHOD_NOT_FOUND: 'not_found',
  PAYMENT_METHOD_ALREADY_EXISTS: 'conflict',
  /** A removed method cannot be charged or made the default. */
  PAYMENT_METHOD_REMOVED: 'business',
  /** The card's expiry month has passed: it cannot be saved, made the default or charged. */
  PAYMENT_METHOD_EXPIRED: 'business',
  /** A method saved for on-session use only, charged without the buyer. */
  PAYMENT_METHOD_NOT_OFF_SESSION: 'business',
  /** An off-session charge that names no method, for a customer without a default. */
  NO_DEFAULT_PAYMENT_METHOD: 'business',
} as const satisfies Record<string, DomainErrorKind>;

export type CustomerErrorCode = keyof typeof CUSTOMER_ERROR_KINDS;

export const CUSTOMER_ERROR_CODES = Object.keys(CUSTOMER_ERROR_KINDS) as CustomerErrorCode[];

export function customerError(code: CustomerErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, CUSTOMER_ERROR_KINDS[code], message, field);
}
