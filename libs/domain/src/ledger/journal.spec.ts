import { journalEntries, type MoneyPosition } from './journal.js';

const zero: MoneyPosition = { currency: 'USD', total: 0, captured: 0, manual_recorded: 0, manual_reversed: 0, card_refunded: 0, manual_refunded: 0, written_off: 0, reduced: 0 };
const at = (p: Partial<MoneyPosition>): MoneyPosition => ({ ...zero, ...p });
const sum = (entries: ReturnType<typeof journalEntries>, account: string) => entries.flatMap((e) => e.lines).filter((l) => l.account === account).reduce((s, l) => s + l.amount, 0);

describe('the journal of an order', () => {
  it('a sale: receivable against sales, then the card capture clears it', () => {
    const created = journalEntries(undefined, at({ total: 10_000 }));
    expect(created).toEqual([{ reason: 'total', currency: 'USD', lines: [{ account: 'accounts_receivable', amount: 10_000 }, { account: 'sales', amount: -10_000 }] }]);
    const captured = journalEntries(at({ total: 10_000 }), at({ total: 10_000, captured: 6_000 }));
    expect(captured).toEqual([{ reason: 'captured', currency: 'USD', lines: [{ account: 'processor_clearing', amount: 6_000 }, { account: 'accounts_receivable', amount: -6_000 }] }]);
  });

  it('a bounced check posts back to the receivable; a manual refund comes out of the bank', () => {
    const entries = [
      ...journalEntries(undefined, at({ total: 5_000 })),
      ...journalEntries(at({ total: 5_000 }), at({ total: 5_000, manual_recorded: 5_000 })),
      ...journalEntries(at({ total: 5_000, manual_recorded: 5_000 }), at({ total: 5_000, manual_recorded: 5_000, manual_reversed: 5_000 })),
      ...journalEntries(at({ total: 5_000, manual_recorded: 5_000, manual_reversed: 5_000 }), at({ total: 5_000, manual_recorded: 10_000, manual_reversed: 5_000, manual_refunded: 1_000 })),
    ];
    expect(sum(entries, 'accounts_receivable')).toBe(0);
    expect(sum(entries, 'cash_and_bank')).toBe(4_000);
    expect(sum(entries, 'refunds')).toBe(1_000);
    expect(entries.every((e) => e.lines[0].amount + e.lines[1].amount === 0)).toBe(true);
  });

  it('a total that falls (a line removed) posts the other way; write-offs and reductions close the receivable', () => {
    expect(journalEntries(at({ total: 3_000 }), at({ total: 2_000 }))[0]!.lines).toEqual([{ account: 'accounts_receivable', amount: -1_000 }, { account: 'sales', amount: 1_000 }]);
    const closing = journalEntries(at({ total: 2_000, captured: 500 }), at({ total: 2_000, captured: 500, written_off: 1_000, reduced: 500 }));
    expect(closing.map((e) => e.reason)).toEqual(['written_off', 'reduced']);
    expect(sum(closing, 'accounts_receivable')).toBe(-1_500);
    expect(sum(closing, 'bad_debt')).toBe(1_000);
    expect(sum(closing, 'sales_reductions')).toBe(500);
  });

  it('nothing moved, nothing posted', () => {
    expect(journalEntries(at({ total: 1 }), at({ total: 1 }))).toEqual([]);
  });
});
