import { computeOrderTotals } from '../order/rules/order-totals.js';
import type { OrderState } from '../order/model/order-state.js';

/*
 * The double-entry view of an order's money. Every change to what an order is worth or what has
 * moved on it becomes one balanced entry (debits = credits) in the order's currency:
 *
 *   total rises          Dr accounts_receivable   Cr sales
 *   card captured        Dr processor_clearing    Cr accounts_receivable
 *   money recorded       Dr cash_and_bank         Cr accounts_receivable     (wire, check, cash)
 *   recorded reversed    Dr accounts_receivable   Cr cash_and_bank           (a bounced check)
 *   card refund          Dr refunds               Cr processor_clearing
 *   manual refund        Dr refunds               Cr cash_and_bank
 *   written off          Dr bad_debt              Cr accounts_receivable
 *   reduced              Dr sales_reductions      Cr accounts_receivable
 *
 * A decrease posts the same entry the other way round. So accounts_receivable of an order is
 * always its outstanding balance, processor_clearing what the processor owes the merchant for it
 * (captured − refunded by card), cash_and_bank what was banked by hand (recorded − reversed −
 * refunded by hand), and the trial balance of any set of entries is zero per currency.
 */

export const LEDGER_ACCOUNTS = ['accounts_receivable', 'sales', 'processor_clearing', 'cash_and_bank', 'refunds', 'bad_debt', 'sales_reductions'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

/** One line: a positive amount is a debit, a negative one a credit (minor units). */
export interface JournalLine {
  account: LedgerAccount;
  amount: number;
}

export interface JournalEntry {
  /** What moved: one of the rows of the table above. */
  reason: 'total' | 'captured' | 'manual_recorded' | 'manual_reversed' | 'card_refunded' | 'manual_refunded' | 'written_off' | 'reduced';
  currency: string;
  lines: [JournalLine, JournalLine];
}

/** The order's money figures the journal follows. */
export interface MoneyPosition {
  currency: string;
  total: number;
  captured: number;
  manual_recorded: number;
  manual_reversed: number;
  card_refunded: number;
  manual_refunded: number;
  written_off: number;
  reduced: number;
}

export function moneyPosition(order: OrderState): MoneyPosition | undefined {
  if (order.status === 'none') return undefined;
  const manualRefunded = order.manual_refunds.reduce((sum, r) => sum + r.amount, 0);
  return {
    currency: order.currency,
    total: computeOrderTotals(order).total,
    captured: order.captured,
    manual_recorded: order.manual_recorded,
    manual_reversed: order.manual_reversed,
    card_refunded: order.refunded - manualRefunded,
    manual_refunded: manualRefunded,
    written_off: order.written_off,
    reduced: order.reduced,
  };
}

const POSTINGS: readonly [JournalEntry['reason'], LedgerAccount, LedgerAccount][] = [
  ['total', 'accounts_receivable', 'sales'],
  ['captured', 'processor_clearing', 'accounts_receivable'],
  ['manual_recorded', 'cash_and_bank', 'accounts_receivable'],
  ['manual_reversed', 'accounts_receivable', 'cash_and_bank'],
  ['card_refunded', 'refunds', 'processor_clearing'],
  ['manual_refunded', 'refunds', 'cash_and_bank'],
  ['written_off', 'bad_debt', 'accounts_receivable'],
  ['reduced', 'sales_reductions', 'accounts_receivable'],
];

/** The entries that take an order from `before` (undefined: it did not exist) to `after`. */
export function journalEntries(before: MoneyPosition | undefined, after: MoneyPosition): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const [reason, debit, credit] of POSTINGS) {
    const delta = after[reason] - (before?.[reason] ?? 0);
    if (delta === 0) continue;
    out.push({ reason, currency: after.currency, lines: [{ account: debit, amount: delta }, { account: credit, amount: -delta }] });
  }
  return out;
}
