import { percentageToPpm, PPM_PER_UNIT } from '../money/percentage.js';
import { divideRoundHalfUp } from '../money/rounding.js';
import type { TotalsTip } from './totals-types.js';

/** A percentage tip is taken on what the buyer pays before the tip: Σ net + Σ additive tax. */
export function tipAmount(tip: TotalsTip | null, base: bigint): bigint {
  if (tip === null) return 0n;
  if (tip.type === 'fixed') return BigInt(tip.amount_money.amount);
  return divideRoundHalfUp(base * BigInt(percentageToPpm(tip.percentage)), BigInt(PPM_PER_UNIT));
}
