import { DomainError, type DomainErrorKind } from '../core/domain-error.js';
import { MONEY_ERROR_KINDS } from '../money/money-errors.js';

/** Rejections of plan, subscription and test-clock commands, with their kinds. */
export const BILLING_ERROR_KINDS = {
  ...MONEY_ERROR_KINDS,
  INVALID_ID: 'validation',
  INVALID_NAME: 'validation',
  INVALID_QUANTITY: 'validation',
  INVALID_METADATA: 'validation',
  PLAN_NOT_FOUND: 'not_found',
  PLAN_ALREADY_EXISTS: 'conflict',
  PLAN_ARCHIVED: 'conflict',
  INVALID_INTERVAL: 'validation',
  INVALID_INTERVAL_COUNT: 'validation',
  INVALID_TRIAL_DAYS: 'validation',
  EMPTY_PLAN: 'validation',
  TOO_MANY_LINE_ITEMS: 'business',
  SUBSCRIPTION_NOT_FOUND: 'not_found',
  SUBSCRIPTION_ALREADY_EXISTS: 'conflict',
  SUBSCRIPTION_CANCELED: 'conflict',
  SUBSCRIPTION_PAUSED: 'conflict',
  SUBSCRIPTION_NOT_PAUSED: 'conflict',
  /** The next cycle's period has not begun yet. */
  RENEWAL_NOT_DUE: 'conflict',
  /** A cycle out of order (not the next one), or a failure/payment for a cycle that is not open. */
  BILLING_CYCLE_MISMATCH: 'conflict',
  RETRY_NOT_DUE: 'conflict',
  TEST_CLOCK_NOT_FOUND: 'not_found',
  TEST_CLOCK_ALREADY_EXISTS: 'conflict',
  INVALID_FROZEN_TIME: 'validation',
  /** A test clock only moves forward. */
  TEST_CLOCK_BACKWARDS: 'business',
  /** At most two years at a time (an advance is a batch of work done at once). */
  TEST_CLOCK_ADVANCE_TOO_FAR: 'business',
} as const satisfies Record<string, DomainErrorKind>;

export type BillingErrorCode = keyof typeof BILLING_ERROR_KINDS;

export const BILLING_ERROR_CODES = Object.keys(BILLING_ERROR_KINDS) as BillingErrorCode[];

export function billingError(code: BillingErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, BILLING_ERROR_KINDS[code], message, field);
}
