/**
 * Every rejected command is a DomainError with a stable, enumerable code. The `kind` tells the
 * edges which HTTP status family applies without the domain knowing about HTTP:
 * - `validation`  → 400 (the command itself is malformed)
 * - `not_found`   → 404
 * - `conflict`    → 409 (the resource's state forbids it now, e.g. ORDER_CLOSED)
 * - `business`    → 422 (a business rule refuses it, e.g. CURRENCY_MISMATCH)
 */
export type DomainErrorKind = 'validation' | 'not_found' | 'conflict' | 'business';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** snake_case path of the offending input field, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
