/**
 * The one rounding rule of the domain: **round half up** on an exact rational n / d, with n ≥ 0
 * and d > 0. Amounts are never negative, so "half up" and "half away from zero" coincide:
 * 0.5 → 1, 1.5 → 2, 2.4999 → 2. Everything is bigint so that products such as
 * amount × rate stay exact however large they get; callers bound-check the result.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) throw new RangeError('numerator must not be negative');
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/**
 * Splits `amount` across `weights` in proportion, so that the parts sum to `amount` exactly
 * (largest remainder method):
 * 1. each part starts at floor(amount × weight / Σ weights);
 * 2. the units left over go, one each, to the parts with the largest remainders, ties going to
 *    the earlier item.
 * No part is negative, and when amount ≤ Σ weights no part exceeds its own weight (so a
 * discount spread this way never drives a line below zero). A zero weight gets nothing. When
 * every weight is zero only an amount of zero can be split.
 */
export function allocate(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (amount < 0n) throw new RangeError('amount must not be negative');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const totalWeight = weights.reduce((sum, w) => sum + w, 0n);
  if (totalWeight === 0n) {
    if (amount !== 0n) throw new RangeError('cannot allocate a positive amount over zero weights');
    return weights.map(() => 0n);
  }
  const parts = weights.map((w) => (amount * w) / totalWeight);
  const remainders = weights.map((w, index) => ({ index, remainder: (amount * w) % totalWeight }));
  let leftover = amount - parts.reduce((sum, p) => sum + p, 0n);
  // Stable order: larger remainder first, then the earlier item.
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    leftover -= 1n;
  }
  return parts;
}
