import { percentageToPpm, PPM_PER_UNIT } from '../money/percentage.js';
import { allocate, divideRoundHalfUp } from '../money/rounding.js';
import { targetsLine } from './targeting.js';
import type { TotalsDiscount } from './totals-types.js';

export interface DiscountAllocation {
  /** Discount carried by each line, same order as the lines given. */
  perLine: bigint[];
  /** Amount each discount actually took, same order as the discounts given. */
  applied: bigint[];
}

/**
 * Applies discounts one after the other, each on what the earlier ones left on its lines, and
 * spreads each over its lines in proportion to what remains on them (see compute-totals.ts).
 */
export function allocateDiscounts(lines: readonly { id: string; gross: bigint }[], discounts: readonly TotalsDiscount[]): DiscountAllocation {
  const perLine = lines.map(() => 0n);
  const applied: bigint[] = [];
  for (const discount of discounts) {
    const targets = lines.flatMap((line, index) => (targetsLine(discount, line.id) ? [index] : []));
    const remaining = targets.map((index) => (lines[index] as { gross: bigint }).gross - (perLine[index] as bigint));
    const base = remaining.reduce((sum, r) => sum + r, 0n);
    const amount =
      discount.type === 'fixed'
        ? minBigint(BigInt(discount.amount_money.amount), base)
        : divideRoundHalfUp(base * BigInt(percentageToPpm(discount.percentage)), BigInt(PPM_PER_UNIT));
    allocate(amount, remaining).forEach((part, k) => {
      const index = targets[k] as number;
      perLine[index] = (perLine[index] as bigint) + part;
    });
    applied.push(amount);
  }
  return { perLine, applied };
}

function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
