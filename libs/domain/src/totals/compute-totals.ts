/**
 * The totals engine: the only place where an order's amounts are computed. All arithmetic is
 * on bigint integers in minor units; figures become numbers only after the MAX_AMOUNT check.
 * (libs/domain/TOTALS.md has the same rules with worked examples.)
 *
 * Rounding: one rule everywhere, round half up on an exact fraction (money/rounding.ts).
 *
 * 1. Lines. gross = quantity × unit price; subtotal = Σ gross.
 * 2. Discounts, in the order they were added. A discount targets every line (scope `order`)
 *    or the listed lines (scope `line_items`). Its base = Σ over its lines of
 *    (gross − discounts already allocated to that line).
 *    - fixed: min(amount, base) — a discount never makes a line negative;
 *    - percentage: round_half_up(base × ppm / 1e6).
 *    The amount is then split over its lines in proportion to what remains on each, by the
 *    largest-remainder allocation (ties to the earlier line), so the parts sum exactly to it.
 *    net = gross − line discount (≥ 0).
 * 3. Taxes, rounded per line. A tax applies to every line in its scope.
 *    - additive: round_half_up(net × ppm / 1e6), per tax;
 *    - inclusive: with R = Σ of the line's inclusive rates, the tax inside the net is
 *      net − round_half_up(net × 1e6 / (1e6 + R)), split over those taxes by rate with the
 *      same allocation. Inclusive tax is part of net; it is reported, never added.
 *    Additive taxes are computed on the net, which already contains any inclusive tax.
 *    line tax = inclusive + additive; order tax = Σ line tax; a tax's `applied` = Σ over lines.
 * 4. line total = net + line additive tax.
 * 5. Tip: fixed amount, or round_half_up((Σ net + Σ additive tax) × ppm / 1e6).
 * 6. total = Σ line total + tip.
 *
 * Invariants (tested by property): Σ line discount = discount; Σ line tax = tax;
 * Σ line total + tip = total; subtotal − discount + additive tax + tip = total; nothing < 0.
 * Any figure above MAX_AMOUNT is refused with AMOUNT_TOO_LARGE.
 */
import { toCheckedAmount, validateMoney } from '../money/money.js';
import { allocateDiscounts } from './line-discounts.js';
import { computeLineTaxes } from './line-taxes.js';
import { tipAmount } from './tip-amount.js';
import type { OrderTotals, TotalsInput } from './totals-types.js';

export function computeTotals(input: TotalsInput): OrderTotals {
  assertSameCurrency(input);

  const lines = input.line_items.map((line) => ({ id: line.id, gross: BigInt(line.quantity) * BigInt(line.unit_price_money.amount) }));
  const discounts = allocateDiscounts(lines, input.discounts);

  const taxApplied = input.taxes.map(() => 0n);
  const lineFigures = lines.map((line, index) => {
    const discount = discounts.perLine[index] as bigint;
    const net = line.gross - discount;
    const taxes = computeLineTaxes(line.id, net, input.taxes);
    taxes.perTax.forEach((amount, t) => {
      taxApplied[t] = (taxApplied[t] as bigint) + amount;
    });
    return { id: line.id, gross: line.gross, discount, net, tax: taxes.additive + taxes.inclusive, additive: taxes.additive, total: net + taxes.additive };
  });

  const sum = (pick: (line: (typeof lineFigures)[number]) => bigint) => lineFigures.reduce((acc, line) => acc + pick(line), 0n);
  const linesTotal = sum((l) => l.total);
  const tip = tipAmount(input.tip, linesTotal);

  return {
    subtotal: toCheckedAmount(sum((l) => l.gross), 'subtotal'),
    discount: toCheckedAmount(sum((l) => l.discount), 'discount'),
    tax: toCheckedAmount(sum((l) => l.tax), 'tax'),
    tip: toCheckedAmount(tip, 'tip'),
    total: toCheckedAmount(linesTotal + tip, 'total'),
    line_items: lineFigures.map((l) => ({
      id: l.id,
      gross: toCheckedAmount(l.gross, `line item ${l.id} gross`),
      discount: toCheckedAmount(l.discount, `line item ${l.id} discount`),
      net: toCheckedAmount(l.net, `line item ${l.id} net`),
      tax: toCheckedAmount(l.tax, `line item ${l.id} tax`),
      total: toCheckedAmount(l.total, `line item ${l.id} total`),
    })),
    discounts: input.discounts.map((d, i) => ({ id: d.id, applied: toCheckedAmount(discounts.applied[i] as bigint, `discount ${d.id}`) })),
    taxes: input.taxes.map((t, i) => ({ id: t.id, applied: toCheckedAmount(taxApplied[i] as bigint, `tax ${t.id}`) })),
  };
}

/** The decider already guarantees this; the engine re-checks so it can never mix currencies. */
function assertSameCurrency(input: TotalsInput): void {
  input.line_items.forEach((line, i) => validateMoney(line.unit_price_money, `line_items[${i}].unit_price_money`, input.currency));
  input.discounts.forEach((d, i) => {
    if (d.type === 'fixed') validateMoney(d.amount_money, `discounts[${i}].amount_money`, input.currency);
  });
  if (input.tip?.type === 'fixed') validateMoney(input.tip.amount_money, 'tip.amount_money', input.currency);
}
