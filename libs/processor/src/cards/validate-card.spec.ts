import { InvalidCardError, ProcessorValidationError } from '../processor-errors.js';
import { validateCard } from './validate-card.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const good = { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' };

function codeOf(fn: () => unknown): { code: string; field: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidCardError || error instanceof ProcessorValidationError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a throw');
}

describe('validateCard', () => {
  it('accepts a test card and keeps only what may be kept', () => {
    const card = validateCard(good, NOW);
    expect(card).toEqual({ testCard: expect.objectContaining({ brand: 'visa', behaviour: 'succeed' }), exp_month: 12, exp_year: 2030 });
  });

  it('ignores spaces and dashes in the number and reads 2-digit years as 20YY', () => {
    expect(validateCard({ ...good, number: '4242 4242-4242 4242', exp_year: 30 }, NOW).exp_year).toBe(2030);
  });

  it('accepts a card expiring this month (valid through its last day)', () => {
    expect(validateCard({ ...good, exp_month: 3, exp_year: 2026 }, NOW).exp_month).toBe(3);
  });

  it.each([
    ['not a string', 4242424242424242],
    ['letters', '4242abcd42424242'],
    ['too short', '42424242424'],
    ['too long', '42424242424242424242'],
    ['bad check digit', '4242424242424241'],
    ['Luhn-valid but not a test card', '4111111111111111'],
  ])('invalid_card_number: %s', (_why, number) => {
    expect(codeOf(() => validateCard({ ...good, number }, NOW))).toEqual({ code: 'invalid_card_number', field: 'number' });
  });

  it.each([
    ['month 0', { exp_month: 0 }, 'exp_month'],
    ['month 13', { exp_month: 13 }, 'exp_month'],
    ['month not integer', { exp_month: 1.5 }, 'exp_month'],
    ['month as string', { exp_month: '12' }, 'exp_month'],
    ['year 3 digits', { exp_year: 203 }, 'exp_year'],
    ['last month', { exp_month: 2, exp_year: 2026 }, 'exp_year'],
    ['last year', { exp_month: 12, exp_year: 2025 }, 'exp_year'],
    ['too far ahead', { exp_month: 12, exp_year: 2090 }, 'exp_year'],
  ])('invalid_expiry: %s', (_why, patch, field) => {
    expect(codeOf(() => validateCard({ ...good, ...patch }, NOW))).toEqual({ code: 'invalid_expiry', field });
  });

  it.each([
    ['2 digits', '12'],
    ['4 digits on a Visa', '1234'],
    ['letters', '12a'],
    ['a number', 123],
  ])('invalid_cvc: %s', (_why, cvc) => {
    expect(codeOf(() => validateCard({ ...good, cvc }, NOW))).toEqual({ code: 'invalid_cvc', field: 'cvc' });
  });

  it('wants 4 CVC digits for Amex', () => {
    const amex = { ...good, number: '378282246310005' };
    expect(validateCard({ ...amex, cvc: '1234' }, NOW).testCard.brand).toBe('amex');
    expect(codeOf(() => validateCard({ ...amex, cvc: '123' }, NOW)).code).toBe('invalid_cvc');
  });

  it('needs a valid clock value from the caller', () => {
    expect(codeOf(() => validateCard(good, new Date('nope')))).toEqual({ code: 'invalid_request', field: 'now' });
  });

  it('never echoes the number or CVC in an error message', () => {
    for (const input of [
      { ...good, number: '4111111111111111' },
      { ...good, number: '4242424242424241' },
      { ...good, cvc: '98' },
    ]) {
      try {
        validateCard(input, NOW);
      } catch (error) {
        expect((error as Error).message).not.toContain(input.number.slice(4));
        expect((error as Error).message).not.toContain(input.cvc);
      }
    }
  });
});
