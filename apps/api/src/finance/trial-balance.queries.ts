import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_ACCOUNTS } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../persistence/read-db.js';
import type { RequestContext } from '../platform/request-context.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;
const money = (amount: number, currency: string) => ({ amount, currency });

/** The trial balance of a merchant's journal: per currency, each account's debits, credits and balance. */
@Injectable()
export class TrialBalanceQueries {
  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  async trialBalance(tenant: Tenant) {
    // CASE rather than SQLite's two-argument MAX/MIN: the same SQL runs on PostgreSQL.
    const rows = await this.db.all<{ currency: string; account: string; debit: number; credit: number }>(
      `SELECT currency, account, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS debit, SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS credit
         FROM journal_lines WHERE merchant_id = ? AND mode = ? GROUP BY currency, account ORDER BY currency`,
      [tenant.merchantId, tenant.mode],
    );
    const currencies = [...new Set(rows.map((r) => r.currency))];
    return {
      object: 'trial_balance' as const,
      currencies: currencies.map((currency) => {
        const mine = rows.filter((r) => r.currency === currency);
        const accounts = LEDGER_ACCOUNTS.map((account) => mine.find((r) => r.account === account) ?? { account, debit: 0, credit: 0 }).map((r) => ({
          account: r.account,
          debit_money: money(r.debit, currency),
          credit_money: money(r.credit, currency),
          balance_money: money(r.debit - r.credit, currency),
        }));
        const debit = mine.reduce((s, r) => s + r.debit, 0);
        const credit = mine.reduce((s, r) => s + r.credit, 0);
        return { currency, accounts, total_debit_money: money(debit, currency), total_credit_money: money(credit, currency), balanced: debit === credit };
      }),
    };
  }
}
