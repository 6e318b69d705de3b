import { passesLuhn } from './luhn.js';

describe('passesLuhn', () => {
  it.each(['4242424242424242', '5555555555554444', '378282246310005', '6011111111111117', '4000002500003155', '0'])('accepts %s', (n) => {
    expect(passesLuhn(n)).toBe(true);
  });

  it.each(['4242424242424241', '5555555555554445', '1', '42424242a4242424', ''])('refuses %p', (n) => {
    expect(passesLuhn(n)).toBe(false);
  });

  it('catches every single-digit change of a valid number', () => {
    const valid = '4242424242424242';
    for (let i = 0; i < valid.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === valid[i]) continue;
        expect(passesLuhn(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
    }
  });
});
