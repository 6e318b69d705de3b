import { isKnownCurrency, isValidAmount } from '#ordo/domain';
import { ProcessorValidationError } from '../processor-errors.js';

/**
 * Field checks shared by every operation. The port is called from TypeScript, but the values
 * often come straight from HTTP bodies, so nothing is trusted to match its static type.
 */

/** The request itself: anything but a plain object is refused before a field is read. */
export function requestObject<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProcessorValidationError('invalid_request', 'the request must be an object', 'request');
  }
  return value;
}

/** Long enough for a UUID plus a prefix and a suffix; short enough to index cheaply. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export function idempotencyKeyField(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ProcessorValidationError(
      'invalid_idempotency_key',
      `idempotencyKey must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      'idempotencyKey',
    );
  }
  return value;
}

/** Money that moves is always > 0 minor units (zero-amount "verification" is not offered). */
export function positiveAmountField(value: unknown, field = 'amount'): number {
  if (!isValidAmount(value) || value === 0) {
    throw new ProcessorValidationError('invalid_amount', `${field} must be a positive integer number of minor units`, field);
  }
  return value;
}

export function currencyField(value: unknown): string {
  if (!isKnownCurrency(value)) throw new ProcessorValidationError('invalid_currency', 'currency must be a known ISO 4217 code', 'currency');
  return value;
}

export function idField(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new ProcessorValidationError('invalid_request', `${field} must be a non-empty string`, field);
  }
  return value;
}

export function booleanField(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ProcessorValidationError('invalid_request', `${field} must be true or false`, field);
  return value;
}

export function oneOfField<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ProcessorValidationError('invalid_request', `${field} must be one of ${allowed.join(', ')}`, field);
  }
  return value as T;
}

export function optionalIdField(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : idField(value, field);
}
