import { MAX_AMOUNT } from '../money/money.js';
import { computeTotals } from './compute-totals.js';
import type { TotalsInput } from './totals-types.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('computeTotals worked examples', () => {
  it('USD: a percentage discount on one line, an order-level fixed discount, additive + inclusive tax and a percentage tip', () => {
    const input: TotalsInput = {
      currency: 'USD',
      line_items: [
        { id: 'A', quantity: 2, unit_price_money: usd(1250) }, // gross 2500
        { id: 'B', quantity: 1, unit_price_money: usd(899) }, //  gross  899
        { id: 'C', quantity: 3, unit_price_money: usd(333) }, //  gross  999
      ],
      discounts: [
        // 10 % of 899 = 89.9 → 90, all on B (B has 809 left)
        { id: 'd1', type: 'percentage', percentage: '10', scope: 'line_items', line_item_ids: ['B'] },
        // 500 over remaining [2500, 809, 999] (Σ 4308): floors 290/93/115 = 498; the 2 left go to
        // the largest remainders C (.947) and B (.895) → 290/94/116
        { id: 'd2', type: 'fixed', amount_money: usd(500), scope: 'order', line_item_ids: [] },
      ],
      taxes: [
        // nets 2210/715/883 → 196.1375/63.45625/78.36625 → 196/63/78 = 337
        { id: 't1', percentage: '8.875', inclusion: 'additive', scope: 'order', line_item_ids: [] },
        // A: 2210 − round(2210 / 1.2 = 1841.67 → 1842) = 368 already inside the net
        { id: 't2', percentage: '20', inclusion: 'inclusive', scope: 'line_items', line_item_ids: ['A'] },
      ],
      // 15 % of (3808 net + 337 additive = 4145) = 621.75 → 622
      tip: { type: 'percentage', percentage: '15' },
    };

    expect(computeTotals(input)).toEqual({
      subtotal: 4398,
      discount: 590,
      tax: 705,
      tip: 622,
      total: 4767,
      line_items: [
        { id: 'A', gross: 2500, discount: 290, net: 2210, tax: 564, total: 2406 },
        { id: 'B', gross: 899, discount: 184, net: 715, tax: 63, total: 778 },
        { id: 'C', gross: 999, discount: 116, net: 883, tax: 78, total: 961 },
      ],
      discounts: [
        { id: 'd1', applied: 90 },
        { id: 'd2', applied: 500 },
      ],
      taxes: [
        { id: 't1', applied: 337 },
        { id: 't2', applied: 368 },
      ],
    });
  });

  it('JPY (exponent 0): a fixed discount, inclusive consumption tax and a fixed tip', () => {
    const jpy = (amount: number) => ({ amount, currency: 'JPY' });
    const totals = computeTotals({
      currency: 'JPY',
      line_items: [
        { id: 'A', quantity: 3, unit_price_money: jpy(1980) }, // 5940
        { id: 'B', quantity: 1, unit_price_money: jpy(500) }, //   500
      ],
      // 100 over [5940, 500]: 92.24 / 7.76 → 92 / 7, the last yen goes to B (.76 > .24)
      discounts: [{ id: 'd', type: 'fixed', amount_money: jpy(100), scope: 'order', line_item_ids: [] }],
      // A: 5848 − round(5848 / 1.1 = 5316.36) = 532; B: 492 − round(447.27) = 45
      taxes: [{ id: 't', percentage: '10', inclusion: 'inclusive', scope: 'order', line_item_ids: [] }],
      tip: { type: 'fixed', amount_money: jpy(300) },
    });
    expect(totals).toEqual({
      subtotal: 6440,
      discount: 100,
      tax: 577,
      tip: 300,
      total: 6640,
      line_items: [
        { id: 'A', gross: 5940, discount: 92, net: 5848, tax: 532, total: 5848 },
        { id: 'B', gross: 500, discount: 8, net: 492, tax: 45, total: 492 },
      ],
      discounts: [{ id: 'd', applied: 100 }],
      taxes: [{ id: 't', applied: 577 }],
    });
  });

  it('KWD (exponent 3): stacked percentage discounts, an additive tax and a percentage tip', () => {
    const kwd = (amount: number) => ({ amount, currency: 'KWD' });
    const totals = computeTotals({
      currency: 'KWD',
      line_items: [
        { id: 'A', quantity: 1, unit_price_money: kwd(12_345) }, // 12.345 KWD
        { id: 'B', quantity: 2, unit_price_money: kwd(1_005) }, //   2.010 KWD
      ],
      discounts: [
        // 12.5 % of 12345 = 1543.125 → 1543 on A (10802 left)
        { id: 'd1', type: 'percentage', percentage: '12.5', scope: 'line_items', line_item_ids: ['A'] },
        // 10 % of (10802 + 2010) = 1281.2 → 1281 over [10802, 2010]: 1080.03 / 200.97 → 1080 / 201
        { id: 'd2', type: 'percentage', percentage: '10', scope: 'order', line_item_ids: [] },
      ],
      // nets 9722 / 1809 → 486.1 / 90.45 → 486 / 90
      taxes: [{ id: 't', percentage: '5', inclusion: 'additive', scope: 'order', line_item_ids: [] }],
      // 10 % of 12107 = 1210.7 → 1211
      tip: { type: 'percentage', percentage: '10' },
    });
    expect(totals).toEqual({
      subtotal: 14_355,
      discount: 2_824,
      tax: 576,
      tip: 1_211,
      total: 13_318,
      line_items: [
        { id: 'A', gross: 12_345, discount: 2_623, net: 9_722, tax: 486, total: 10_208 },
        { id: 'B', gross: 2_010, discount: 201, net: 1_809, tax: 90, total: 1_899 },
      ],
      discounts: [
        { id: 'd1', applied: 1_543 },
        { id: 'd2', applied: 1_281 },
      ],
      taxes: [{ id: 't', applied: 576 }],
    });
  });
});

describe('computeTotals rules', () => {
  const base = (overrides: Partial<TotalsInput>): TotalsInput => ({ currency: 'USD', line_items: [], discounts: [], taxes: [], tip: null, ...overrides });

  it('gives an empty order all zeros', () => {
    expect(computeTotals(base({}))).toEqual({ subtotal: 0, discount: 0, tax: 0, tip: 0, total: 0, line_items: [], discounts: [], taxes: [] });
  });

  it('caps a fixed discount at what is left on its lines', () => {
    const totals = computeTotals(
      base({
        line_items: [{ id: 'A', quantity: 1, unit_price_money: usd(500) }],
        discounts: [{ id: 'd', type: 'fixed', amount_money: usd(800), scope: 'order', line_item_ids: [] }],
        taxes: [{ id: 't', percentage: '10', inclusion: 'additive', scope: 'order', line_item_ids: [] }],
      }),
    );
    expect(totals.discounts).toEqual([{ id: 'd', applied: 500 }]);
    expect(totals.line_items[0]).toEqual({ id: 'A', gross: 500, discount: 500, net: 0, tax: 0, total: 0 });
    expect(totals.total).toBe(0);
  });

  it('gives a later discount only what earlier ones left', () => {
    const totals = computeTotals(
      base({
        line_items: [{ id: 'A', quantity: 1, unit_price_money: usd(1000) }],
        discounts: [
          { id: 'd1', type: 'fixed', amount_money: usd(900), scope: 'order', line_item_ids: [] },
          { id: 'd2', type: 'percentage', percentage: '50', scope: 'order', line_item_ids: [] },
          { id: 'd3', type: 'fixed', amount_money: usd(999), scope: 'order', line_item_ids: [] },
        ],
      }),
    );
    expect(totals.discounts).toEqual([
      { id: 'd1', applied: 900 },
      { id: 'd2', applied: 50 },
      { id: 'd3', applied: 50 },
    ]);
    expect(totals.total).toBe(0);
  });

  it('rounds exactly half a unit up', () => {
    // 12.5 % of 4 = 0.5 → 1
    const totals = computeTotals(base({ line_items: [{ id: 'A', quantity: 1, unit_price_money: usd(4) }], tip: { type: 'percentage', percentage: '12.5' } }));
    expect(totals.tip).toBe(1);
  });

  it('splits the inclusive tax of a line across its inclusive taxes by rate', () => {
    // net 1000 at 5 % + 10 % inclusive: 1000 − round(1000 / 1.15 = 869.57) = 130 → 43.33 / 86.67 → 43 / 87
    const totals = computeTotals(
      base({
        line_items: [{ id: 'A', quantity: 1, unit_price_money: usd(1000) }],
        taxes: [
          { id: 't5', percentage: '5', inclusion: 'inclusive', scope: 'order', line_item_ids: [] },
          { id: 't10', percentage: '10', inclusion: 'inclusive', scope: 'order', line_item_ids: [] },
        ],
      }),
    );
    expect(totals.taxes).toEqual([
      { id: 't5', applied: 43 },
      { id: 't10', applied: 87 },
    ]);
    expect(totals.line_items[0]).toEqual({ id: 'A', gross: 1000, discount: 0, net: 1000, tax: 130, total: 1000 });
  });

  it('rounds taxes per line, not on the order sum', () => {
    // three lines of 5 at 10 %: 0.5 → 1 each = 3, where 10 % of 15 would round to 2
    const totals = computeTotals(
      base({
        line_items: ['A', 'B', 'C'].map((id) => ({ id, quantity: 1, unit_price_money: usd(5) })),
        taxes: [{ id: 't', percentage: '10', inclusion: 'additive', scope: 'order', line_item_ids: [] }],
      }),
    );
    expect(totals.tax).toBe(3);
  });

  it('leaves lines outside a tax scope untaxed', () => {
    const totals = computeTotals(
      base({
        line_items: [
          { id: 'A', quantity: 1, unit_price_money: usd(1000) },
          { id: 'B', quantity: 1, unit_price_money: usd(1000) },
        ],
        taxes: [{ id: 't', percentage: '10', inclusion: 'additive', scope: 'line_items', line_item_ids: ['B'] }],
      }),
    );
    expect(totals.line_items.map((l) => l.tax)).toEqual([0, 100]);
  });

  it('refuses a gross above MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    expect(() => computeTotals(base({ line_items: [{ id: 'A', quantity: 1_000_000, unit_price_money: usd(MAX_AMOUNT) }] }))).toThrow(
      expect.objectContaining({ code: 'AMOUNT_TOO_LARGE', kind: 'business' }),
    );
  });

  it('refuses a total pushed above MAX_AMOUNT by tax and tip', () => {
    const input = base({
      line_items: [{ id: 'A', quantity: 1, unit_price_money: usd(MAX_AMOUNT) }],
      tip: { type: 'fixed', amount_money: usd(1) },
    });
    expect(() => computeTotals(input)).toThrow(expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }));
  });

  it('refuses money in another currency', () => {
    expect(() => computeTotals(base({ line_items: [{ id: 'A', quantity: 1, unit_price_money: { amount: 1, currency: 'EUR' } }] }))).toThrow(
      expect.objectContaining({ code: 'CURRENCY_MISMATCH' }),
    );
  });
});
