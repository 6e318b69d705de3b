import { CURRENCY_CODES, currencyExponent, isKnownCurrency } from './currencies.js';
import { DomainError } from '../core/domain-error.js';

describe('currency table', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('gives %s an exponent of %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('lists each code once, three upper-case letters, sorted', () => {
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect(CURRENCY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });

  it.each(['XAU', 'XXX', 'XTS', 'usd', 'US', '', 'HRK', 'ANG'])('does not know %p', (code) => {
    expect(isKnownCurrency(code)).toBe(false);
  });

  it('does not know non-strings', () => {
    expect(isKnownCurrency(840)).toBe(false);
    expect(isKnownCurrency(undefined)).toBe(false);
  });

  it('rejects an unknown code with UNKNOWN_CURRENCY', () => {
    expect(() => currencyExponent('ABC')).toThrow(DomainError);
    expect(() => currencyExponent('ABC')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY', kind: 'validation' }));
  });
});
