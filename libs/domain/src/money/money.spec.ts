import { MAX_AMOUNT, isValidAmount, toCheckedAmount, validateAmount, validateMoney } from './money.js';

function codeOf(run: () => unknown): { code: string; field?: string } | undefined {
  try {
    run();
  } catch (error) {
    const { code, field } = error as { code: string; field?: string };
    return { code, field };
  }
  return undefined;
}

describe('money amounts', () => {
  it.each([0, 1, 2500, MAX_AMOUNT])('accepts %p', (amount) => {
    expect(isValidAmount(amount)).toBe(true);
    expect(validateAmount(amount, 'amount')).toBe(amount);
  });

  it.each([-1, 1.5, MAX_AMOUNT + 1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, undefined, 10n])('rejects %p with INVALID_AMOUNT', (amount) => {
    expect(isValidAmount(amount)).toBe(false);
    expect(codeOf(() => validateAmount(amount, 'tip.amount_money.amount'))).toEqual({ code: 'INVALID_AMOUNT', field: 'tip.amount_money.amount' });
  });
});

describe('validateMoney', () => {
  it('returns a clean copy of a valid input', () => {
    expect(validateMoney({ amount: 250, currency: 'USD', extra: true }, 'unit_price_money')).toEqual({ amount: 250, currency: 'USD' });
  });

  it('accepts the expected currency', () => {
    expect(validateMoney({ amount: 1, currency: 'JPY' }, 'm', 'JPY')).toEqual({ amount: 1, currency: 'JPY' });
  });

  it.each([
    ['not an object', 5, { code: 'INVALID_AMOUNT', field: 'm' }],
    ['null', null, { code: 'INVALID_AMOUNT', field: 'm' }],
    ['an unknown currency', { amount: 1, currency: 'XYZ' }, { code: 'UNKNOWN_CURRENCY', field: 'm.currency' }],
    ['a missing currency', { amount: 1 }, { code: 'UNKNOWN_CURRENCY', field: 'm.currency' }],
    ['another currency than the order', { amount: 1, currency: 'EUR' }, { code: 'CURRENCY_MISMATCH', field: 'm.currency' }],
    ['a fractional amount', { amount: 1.25, currency: 'USD' }, { code: 'INVALID_AMOUNT', field: 'm.amount' }],
    ['a negative amount', { amount: -3, currency: 'USD' }, { code: 'INVALID_AMOUNT', field: 'm.amount' }],
  ])('rejects %s', (_label, input, expected) => {
    expect(codeOf(() => validateMoney(input, 'm', 'USD'))).toEqual(expected);
  });
});

describe('toCheckedAmount', () => {
  it('converts figures up to MAX_AMOUNT', () => {
    expect(toCheckedAmount(BigInt(MAX_AMOUNT), 'total')).toBe(MAX_AMOUNT);
  });

  it('refuses a figure above MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    expect(codeOf(() => toCheckedAmount(BigInt(MAX_AMOUNT) + 1n, 'total'))?.code).toBe('AMOUNT_TOO_LARGE');
  });

  it('treats a negative figure as a bug', () => {
    expect(() => toCheckedAmount(-1n, 'net')).toThrow('invariant broken');
  });
});
