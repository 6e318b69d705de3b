import { ID_PREFIXES, isValidId } from './ids.js';

const body16 = 'a'.repeat(16);

describe('isValidId', () => {
  it.each(Object.values(ID_PREFIXES))('accepts a well-formed %s id', (prefix) => {
    expect(isValidId(prefix, `${prefix}${body16}`)).toBe(true);
    expect(isValidId(prefix, `${prefix}${'Z9'.repeat(20)}`)).toBe(true);
  });

  it.each([
    ['a body of 15 characters', `ord_${'a'.repeat(15)}`],
    ['a body of 41 characters', `ord_${'a'.repeat(41)}`],
    ['another prefix', `li_${body16}`],
    ['no underscore', `ord${body16}`],
    ['a doubled underscore', `ord__${body16}`],
    ['punctuation in the body', `ord_${'a'.repeat(15)}-`],
    ['a non-ASCII letter', `ord_${'a'.repeat(15)}é`],
    ['surrounding spaces', ` ord_${body16}`],
    ['an empty string', ''],
  ])('rejects %s', (_label, value) => {
    expect(isValidId('ord_', value)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidId('ord_', 42)).toBe(false);
    expect(isValidId('ord_', null)).toBe(false);
  });

  it('has one distinct prefix per kind, each ending in "_"', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes.every((p) => /^[a-z]+_$/.test(p))).toBe(true);
  });
});
