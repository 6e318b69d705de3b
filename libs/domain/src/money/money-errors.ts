import { DomainError, type DomainErrorKind } from '../core/domain-error.js';

/** Money rules shared by every aggregate that handles amounts; each code maps to one kind. */
export const MONEY_ERROR_KINDS = {
  UNKNOWN_CURRENCY: 'validation',
  INVALID_AMOUNT: 'validation',
  INVALID_PERCENTAGE: 'validation',
  CURRENCY_MISMATCH: 'business',
  AMOUNT_TOO_LARGE: 'business',
} as const satisfies Record<string, DomainErrorKind>;

export type MoneyErrorCode = keyof typeof MONEY_ERROR_KINDS;

export function moneyError(code: MoneyErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, MONEY_ERROR_KINDS[code], message, field);
}
