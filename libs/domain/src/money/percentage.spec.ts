import { percentageToPpm, validatePercentage } from './percentage.js';

describe('percentageToPpm', () => {
  it.each([
    ['8.875', 88_750],
    ['10', 100_000],
    ['100', 1_000_000],
    ['0.0001', 1],
    ['0.1', 1_000],
    ['7.25', 72_500],
    ['999.9999', 9_999_999],
    ['0', 0],
    ['05.5', 55_000],
  ])('parses %p exactly to %i ppm', (text, ppm) => {
    expect(percentageToPpm(text)).toBe(ppm);
  });

  it.each(['', '.5', '5.', '1000', '1.23456', '-1', '+1', '1e2', ' 5', '5 ', '1,5', '0x10'])('refuses %p with INVALID_PERCENTAGE', (text) => {
    expect(() => percentageToPpm(text, 'tax.percentage')).toThrow(expect.objectContaining({ code: 'INVALID_PERCENTAGE', field: 'tax.percentage' }));
  });
});

describe('validatePercentage', () => {
  it.each(['0.0001', '8.875', '100', '100.0000'])('accepts %p', (text) => {
    expect(validatePercentage(text, 'p')).toBe(text);
  });

  it.each([['0'], ['0.0000'], ['100.0001'], ['250'], [8.875], [null]])('refuses %p with INVALID_PERCENTAGE', (value) => {
    expect(() => validatePercentage(value, 'discount.percentage')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERCENTAGE', kind: 'validation', field: 'discount.percentage' }),
    );
  });
});
