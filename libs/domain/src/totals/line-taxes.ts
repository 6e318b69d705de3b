import { percentageToPpm, PPM_PER_UNIT } from '../money/percentage.js';
import { allocate, divideRoundHalfUp } from '../money/rounding.js';
import { targetsLine } from './targeting.js';
import type { TotalsTax } from './totals-types.js';

const UNIT = BigInt(PPM_PER_UNIT);

export interface LineTaxes {
  /** Tax added on top of the line's net. */
  additive: bigint;
  /** Tax already contained in the line's net. */
  inclusive: bigint;
  /** Each tax's share of this line, same order as the taxes given (0 when it does not apply). */
  perTax: bigint[];
}

/** Taxes of one line, rounded on that line (see compute-totals.ts for the rule). */
export function computeLineTaxes(lineItemId: string, net: bigint, taxes: readonly TotalsTax[]): LineTaxes {
  const perTax = taxes.map(() => 0n);
  const rates = taxes.map((tax) => (targetsLine(tax, lineItemId) ? BigInt(percentageToPpm(tax.percentage)) : 0n));

  let additive = 0n;
  taxes.forEach((tax, index) => {
    if (tax.inclusion !== 'additive' || rates[index] === 0n) return;
    const amount = divideRoundHalfUp(net * (rates[index] as bigint), UNIT);
    perTax[index] = amount;
    additive += amount;
  });

  const inclusiveRates = taxes.map((tax, index) => (tax.inclusion === 'inclusive' ? (rates[index] as bigint) : 0n));
  const combinedRate = inclusiveRates.reduce((sum, r) => sum + r, 0n);
  let inclusive = 0n;
  if (combinedRate > 0n) {
    inclusive = net - divideRoundHalfUp(net * UNIT, UNIT + combinedRate);
    allocate(inclusive, inclusiveRates).forEach((part, index) => {
      perTax[index] = (perTax[index] as bigint) + part;
    });
  }
  return { additive, inclusive, perTax };
}
