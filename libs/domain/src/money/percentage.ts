import { moneyError } from './money-errors.js';

/**
 * Percentages travel as decimal strings ("8.875", "10") so that no binary float ever touches a
 * rate. Up to three integer digits and four decimals: the smallest step is 0.0001 % = 1 ppm,
 * which makes the conversion to integer parts-per-million exact.
 */
export const PERCENTAGE_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;

/** 100 % expressed in parts per million. */
export const PPM_PER_UNIT = 1_000_000;

export function isPercentageText(value: unknown): value is string {
  return typeof value === 'string' && PERCENTAGE_PATTERN.test(value);
}

/** "8.875" → 88_750 ppm. Digit strings only: never parseFloat. */
export function percentageToPpm(text: string, field = 'percentage'): number {
  if (!isPercentageText(text)) throw moneyError('INVALID_PERCENTAGE', `${field} must be a decimal string like "8.875"`, field);
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}

/**
 * A rate input for a discount, tax or tip: well formed and in (0, 100]. A zero rate would be a
 * no-op line on the receipt and a rate above 100 % would drive a line negative, so both are
 * refused. Returns the string unchanged: the string is what events store.
 */
export function validatePercentage(value: unknown, field: string): string {
  if (!isPercentageText(value)) throw moneyError('INVALID_PERCENTAGE', `${field} must be a decimal string like "8.875"`, field);
  const ppm = percentageToPpm(value, field);
  if (ppm <= 0 || ppm > PPM_PER_UNIT) throw moneyError('INVALID_PERCENTAGE', `${field} must be greater than 0 and at most 100`, field);
  return value;
}
