import { buyerMoney } from './buyer-money.js';

describe('buyerMoney', () => {
  it('formats minor units exactly, in the currency’s own exponent', () => {
    expect(buyerMoney(5300, 'USD')).toBe('$53.00');
    expect(buyerMoney(5, 'USD')).toBe('$0.05');
    expect(buyerMoney(500, 'JPY')).toBe('¥500');
    expect(buyerMoney(1250, 'KWD')).toMatch(/^KWD\s1\.250$/u);
    // Beyond 2^53 / 100 a float would lose cents; the string path does not.
    expect(buyerMoney(900719925474099, 'USD')).toBe('$9,007,199,254,740.99');
  });
});
