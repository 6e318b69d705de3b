import { InvalidCardError, ProcessorValidationError } from '../processor-errors.js';
import type { CardBrand } from '../processor-results.js';
import { passesLuhn } from './luhn.js';
import { findTestCard, type TestCard } from './test-cards.js';

export interface ValidCard {
  testCard: TestCard;
  exp_month: number;
  exp_year: number;
}

/** A card that expires further out than this is a typo, not a card. */
const MAX_YEARS_AHEAD = 50;

/**
 * Checks tokenize input in form order (number, expiry, CVC) and returns only what may be kept.
 * Messages never echo the number or CVC: they end up in logs and API answers.
 */
export function validateCard(input: { number: unknown; exp_month: unknown; exp_year: unknown; cvc: unknown }, now: unknown): ValidCard {
  const testCard = validateNumber(input.number);
  const { exp_month, exp_year } = validateExpiry(input.exp_month, input.exp_year, now);
  validateCvc(input.cvc, testCard.brand);
  return { testCard, exp_month, exp_year };
}

function validateNumber(number: unknown): TestCard {
  if (typeof number !== 'string') throw new InvalidCardError('invalid_card_number', 'the card number must be a string of digits', 'number');
  const digits = number.replace(/[ -]/g, '');
  if (!/^\d{12,19}$/.test(digits)) throw new InvalidCardError('invalid_card_number', 'the card number must have 12 to 19 digits', 'number');
  if (!passesLuhn(digits)) throw new InvalidCardError('invalid_card_number', 'the card number is incorrect (check digit)', 'number');
  const testCard = findTestCard(digits);
  if (testCard === undefined) {
    throw new InvalidCardError('invalid_card_number', 'test mode accepts only the documented test card numbers', 'number');
  }
  return testCard;
}

function validateExpiry(month: unknown, year: unknown, now: unknown): { exp_month: number; exp_year: number } {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ProcessorValidationError('invalid_request', 'now must be a valid Date', 'now');
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new InvalidCardError('invalid_expiry', 'the expiry month must be an integer from 1 to 12', 'exp_month');
  }
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 0 || (year > 99 && (year < 2000 || year > 9999))) {
    throw new InvalidCardError('invalid_expiry', 'the expiry year must be a 4-digit (or 2-digit) year', 'exp_year');
  }
  const fullYear = year < 100 ? 2000 + year : year;
  // A card is valid through the last day of its expiry month; compare whole months in UTC.
  const expiry = fullYear * 12 + (month - 1);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (expiry < current) throw new InvalidCardError('invalid_expiry', 'the card has expired', 'exp_year');
  if (expiry > current + MAX_YEARS_AHEAD * 12) throw new InvalidCardError('invalid_expiry', 'the expiry date is too far in the future', 'exp_year');
  return { exp_month: month, exp_year: fullYear };
}

function validateCvc(cvc: unknown, brand: CardBrand): void {
  const length = brand === 'amex' ? 4 : 3;
  if (typeof cvc !== 'string' || !new RegExp(`^\\d{${length}}$`).test(cvc)) {
    throw new InvalidCardError('invalid_cvc', `the security code must be ${length} digits for this card`, 'cvc');
  }
}
