import { isKnownCurrency } from './currencies.js';
import { moneyError } from './money-errors.js';

/** An amount in integer minor units of an ISO 4217 currency (2500 USD = $25.00). */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * Upper bound for any single money input and for any computed total, in minor units. Far below
 * 2^53, so sums of a few such figures stay exact as numbers; products go through bigint.
 */
export const MAX_AMOUNT = 999_999_999_999;
const MAX_AMOUNT_BIGINT = BigInt(MAX_AMOUNT);

export function isValidAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT;
}

/** A money input's amount: a safe integer in [0, MAX_AMOUNT], else INVALID_AMOUNT. */
export function validateAmount(value: unknown, field: string): number {
  if (!isValidAmount(value)) {
    throw moneyError('INVALID_AMOUNT', `${field} must be an integer number of minor units between 0 and ${MAX_AMOUNT}`, field);
  }
  return value;
}

/**
 * Checks a `{ amount, currency }` input and returns a clean copy. When `expectedCurrency` is
 * given (the order's), a known but different currency is CURRENCY_MISMATCH: the currency is
 * checked before the amount so the caller hears about the more fundamental mistake first.
 */
export function validateMoney(value: unknown, field: string, expectedCurrency?: string): Money {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw moneyError('INVALID_AMOUNT', `${field} must be an object { amount, currency }`, field);
  }
  const { amount, currency } = value as Record<string, unknown>;
  if (!isKnownCurrency(currency)) throw moneyError('UNKNOWN_CURRENCY', `${field}.currency is not a known ISO 4217 code`, `${field}.currency`);
  if (expectedCurrency !== undefined && currency !== expectedCurrency) {
    throw moneyError('CURRENCY_MISMATCH', `${field} is in ${currency} but the order is in ${expectedCurrency}`, `${field}.currency`);
  }
  return { amount: validateAmount(amount, `${field}.amount`), currency };
}

/**
 * Converts a computed bigint figure back to a number, refusing anything above MAX_AMOUNT with
 * AMOUNT_TOO_LARGE. Computed figures are never negative; a negative one is a bug, not input.
 */
export function toCheckedAmount(value: bigint, what: string): number {
  if (value < 0n) throw new Error(`invariant broken: ${what} is negative (${value})`);
  if (value > MAX_AMOUNT_BIGINT) throw moneyError('AMOUNT_TOO_LARGE', `${what} would exceed ${MAX_AMOUNT} minor units`);
  return Number(value);
}
