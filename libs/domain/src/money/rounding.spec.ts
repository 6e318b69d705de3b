import fc from 'fast-check';
import { allocate, divideRoundHalfUp } from './rounding.js';

describe('divideRoundHalfUp', () => {
  it.each([
    [0n, 3n, 0n],
    [5n, 10n, 1n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [24n, 10n, 2n],
    [26n, 10n, 3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [10n, 5n, 2n],
  ])('rounds %p / %p to %p', (n, d, expected) => {
    expect(divideRoundHalfUp(n, d)).toBe(expected);
  });

  it('stays exact far beyond 2^53', () => {
    const big = 999_999_999_999n * 1_000_000n + 500_000n;
    expect(divideRoundHalfUp(big, 1_000_000n)).toBe(1_000_000_000_000n);
  });

  it('refuses a negative numerator or a non-positive denominator', () => {
    expect(() => divideRoundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits evenly when it can', () => {
    expect(allocate(300n, [1n, 1n, 1n])).toEqual([100n, 100n, 100n]);
  });

  it('gives the leftover unit to the largest remainder', () => {
    // 100 × 1/6 = 16.67, 100 × 2/6 = 33.33, 100 × 3/6 = 50
    expect(allocate(100n, [1n, 2n, 3n])).toEqual([17n, 33n, 50n]);
  });

  it('breaks ties in favour of the earlier item', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
  });

  it('gives nothing to a zero weight', () => {
    expect(allocate(5n, [0n, 3n, 0n, 2n])).toEqual([0n, 3n, 0n, 2n]);
  });

  it('allocates zero over zero weights and refuses anything else', () => {
    expect(allocate(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(() => allocate(1n, [0n, 0n])).toThrow(RangeError);
    expect(allocate(0n, [])).toEqual([]);
  });

  it('refuses negative input', () => {
    expect(() => allocate(-1n, [1n])).toThrow(RangeError);
    expect(() => allocate(1n, [2n, -1n])).toThrow(RangeError);
  });

  it('always sums exactly, never goes negative and never exceeds a weight when amount ≤ Σ weights', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }), fc.bigInt({ min: 0n, max: 1_000_000n }), (weights, sharePpm) => {
        const total = weights.reduce((s, w) => s + w, 0n);
        const amount = (total * sharePpm) / 1_000_000n;
        const parts = allocate(amount, weights);
        expect(parts.reduce((s, p) => s + p, 0n)).toBe(amount);
        parts.forEach((p, i) => {
          expect(p >= 0n).toBe(true);
          expect(p <= (weights[i] as bigint)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
