import fc from 'fast-check';
import { DomainError } from '../core/domain-error.js';
import { CURRENCY_CODES } from '../money/currencies.js';
import { MAX_AMOUNT } from '../money/money.js';
import { computeTotals } from './compute-totals.js';
import type { OrderTotals, Targeting, TotalsDiscount, TotalsInput, TotalsTax, TotalsTip } from './totals-types.js';

/** A percentage string from integer ppm, built with integer arithmetic only ("8.875", "10"). */
function ppmToText(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000).padStart(4, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

const percentageArb = fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(50_000, 88_750, 100_000, 200_000, 1_000_000)).map(ppmToText);

const everydayLine = fc.tuple(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000 }));
const anyLine = fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: MAX_AMOUNT }));
// Mostly everyday orders; one in twenty may hold huge lines so AMOUNT_TOO_LARGE is exercised too.
const linesArb = fc.oneof(
  { weight: 19, arbitrary: fc.array(everydayLine, { minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(everydayLine, anyLine), { minLength: 1, maxLength: 20 }) },
);

function targetingArb(lineIds: string[]): fc.Arbitrary<Targeting> {
  return fc.oneof(
    fc.constant<Targeting>({ scope: 'order', line_item_ids: [] }),
    fc.subarray(lineIds, { minLength: 1 }).map((ids): Targeting => ({ scope: 'line_items', line_item_ids: ids })),
  );
}

const inputArb: fc.Arbitrary<TotalsInput> = fc
  .record({ currency: fc.constantFrom(...CURRENCY_CODES), lines: linesArb })
  .chain(({ currency, lines }) => {
    const money = (amount: number) => ({ amount, currency });
    const lineIds = lines.map((_, i) => `li_${i}`);
    const discountArb: fc.Arbitrary<TotalsDiscount> = fc
      .tuple(
        fc.oneof(
          fc.integer({ min: 0, max: 5_000_000 }).map((amount) => ({ type: 'fixed' as const, amount_money: money(amount) })),
          percentageArb.map((percentage) => ({ type: 'percentage' as const, percentage })),
        ),
        targetingArb(lineIds),
      )
      .map(([kind, targeting]) => ({ id: '', ...kind, ...targeting }));
    const taxArb: fc.Arbitrary<TotalsTax> = fc
      .tuple(percentageArb, fc.constantFrom('additive' as const, 'inclusive' as const), targetingArb(lineIds))
      .map(([percentage, inclusion, targeting]) => ({ id: '', percentage, inclusion, ...targeting }));
    const tipArb: fc.Arbitrary<TotalsTip | null> = fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: 1_000_000 }).map((amount): TotalsTip => ({ type: 'fixed', amount_money: money(amount) })),
      percentageArb.map((percentage): TotalsTip => ({ type: 'percentage', percentage })),
    );
    return fc.record({
      currency: fc.constant(currency),
      line_items: fc.constant(lines.map(([quantity, price], i) => ({ id: lineIds[i] as string, quantity, unit_price_money: money(price) }))),
      discounts: fc.array(discountArb, { maxLength: 5 }).map((ds) => ds.map((d, i) => ({ ...d, id: `dsc_${i}` }))),
      taxes: fc.array(taxArb, { maxLength: 4 }).map((ts) => ts.map((t, i) => ({ ...t, id: `tax_${i}` }))),
      tip: tipArb,
    });
  });

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function invariantViolations(input: TotalsInput, totals: OrderTotals): string[] {
  const violations: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) violations.push(what);
  };
  const { line_items: lines } = totals;
  const additiveTax = sum(lines.map((l) => l.total - l.net));

  check(sum(lines.map((l) => l.discount)) === totals.discount, 'Σ line discount = discount');
  check(sum(lines.map((l) => l.tax)) === totals.tax, 'Σ line tax = tax');
  check(sum(lines.map((l) => l.total)) + totals.tip === totals.total, 'Σ line total + tip = total');
  check(totals.subtotal - totals.discount + additiveTax + totals.tip === totals.total, 'subtotal − discount + additive tax + tip = total');
  check(sum(lines.map((l) => l.gross)) === totals.subtotal, 'Σ gross = subtotal');
  check(sum(totals.discounts.map((d) => d.applied)) === totals.discount, 'Σ discount applied = discount');
  check(sum(totals.taxes.map((t) => t.applied)) === totals.tax, 'Σ tax applied = tax');

  const figures = [totals.subtotal, totals.discount, totals.tax, totals.tip, totals.total, ...lines.flatMap((l) => [l.gross, l.discount, l.net, l.tax, l.total])];
  figures.forEach((f) => check(Number.isSafeInteger(f) && f >= 0 && f <= MAX_AMOUNT, `figure ${f} is an integer in [0, MAX_AMOUNT]`));
  input.line_items.forEach((item, i) => {
    const line = lines[i]!;
    check(line.gross === item.quantity * item.unit_price_money.amount, `${line.id}: gross = quantity × price`);
    check(line.net === line.gross - line.discount, `${line.id}: net = gross − discount`);
    // the additive part sits on top of the net, the inclusive part inside it
    check(line.tax - (line.total - line.net) <= line.net, `${line.id}: inclusive tax ≤ net`);
  });
  input.discounts.forEach((d, i) => {
    if (d.type === 'fixed') check(totals.discounts[i]!.applied <= d.amount_money.amount, `${d.id}: fixed discount never grows`);
  });
  return violations;
}

describe('computeTotals invariants (property)', () => {
  it('always balances, never goes negative, or refuses with AMOUNT_TOO_LARGE', () => {
    let computed = 0;
    fc.assert(
      fc.property(inputArb, (input) => {
        let totals;
        try {
          totals = computeTotals(input);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('AMOUNT_TOO_LARGE');
          return;
        }
        computed += 1;
        // Plain checks gathered in one list: a thousand runs of dozens of expect() calls is slow.
        expect(invariantViolations(input, totals)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // the generators must keep most cases in range, or the property proves little
    expect(computed).toBeGreaterThan(800);
  });
});
