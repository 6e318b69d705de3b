import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Money } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import type { RequestContext } from '../../platform/request-context.js';
import { sqliteQueryBuilder } from '../../platform/sql.js';
import { AgingByCurrency, agingBucket, agingBucketSql, daysPastDue, toAgingResource, type AgingBucket } from './aging.js';

/** The columns of `invoices` (written by InvoicesProjection) receivables read. */
interface InvoicesTable {
  id: string;
  order_id: string;
  merchant_id: string;
  mode: string;
  customer_id: string;
  number: string | null;
  status: string;
  currency: string;
  amount_remaining: number;
  due_at: string | null;
}

/** An invoice counts as a receivable while it is issued and not settled. */
const OPEN_STATUSES = ['open', 'partially_paid'];

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

/**
 * What customers owe, from the `invoices` read model at query time (aging depends on now).
 * Always scoped to the caller's merchant and mode: another merchant's customer looks exactly
 * like a customer who owes nothing.
 */
@Injectable()
export class ReceivablesQueries {
  private readonly sql: Kysely<{ invoices: InvoicesTable }> = sqliteQueryBuilder();

  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  /** One customer's open invoices (oldest due first) and per-currency totals by age. */
  async customer(tenant: Tenant, customerId: string, now: Date) {
    const compiled = this.sql
      .selectFrom('invoices')
      .select(['id', 'number', 'order_id', 'status', 'currency', 'amount_remaining', 'due_at'])
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode)
      .where('customer_id', '=', customerId)
      .where('status', 'in', OPEN_STATUSES)
      .orderBy('due_at', 'asc')
      .orderBy('id', 'asc')
      .compile();
    const rows = await this.db.all<Pick<InvoicesTable, 'id' | 'number' | 'order_id' | 'status' | 'currency' | 'amount_remaining' | 'due_at'>>(compiled.sql, compiled.parameters as SqlValue[]);
    const totals = new AgingByCurrency();
    const openInvoices = rows.map((row) => {
      const days = daysPastDue(row.due_at, now);
      const bucket = agingBucket(days);
      totals.add(row.currency, bucket, row.amount_remaining);
      return {
        id: row.id,
        number: row.number,
        order_id: row.order_id,
        status: row.status,
        amount_remaining_money: { amount: row.amount_remaining, currency: row.currency } satisfies Money,
        due_at: row.due_at,
        days_past_due: days,
        bucket,
      };
    });
    return {
      object: 'customer_receivables' as const,
      customer_id: customerId,
      as_of: now.toISOString(),
      open_invoices: openInvoices,
      by_currency: totals.list().map(toAgingResource),
    };
  }

  /** The merchant's receivables by age: per currency across customers, and per customer and currency. */
  async agingReport(tenant: Tenant, now: Date) {
    const compiled = this.sql
      .selectFrom('invoices')
      .select((eb) => [
        'customer_id',
        'currency',
        agingBucketSql(now).as('bucket'),
        eb.fn.sum<number>('amount_remaining').as('amount'),
        eb.fn.countAll<number>().as('invoices'),
      ])
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode)
      .where('status', 'in', OPEN_STATUSES)
      .groupBy(['customer_id', 'currency', 'bucket'])
      .orderBy('customer_id', 'asc')
      .orderBy('currency', 'asc')
      .compile();
    const rows = await this.db.all<{ customer_id: string; currency: string; bucket: AgingBucket; amount: number; invoices: number }>(compiled.sql, compiled.parameters as SqlValue[]);
    const overall = new AgingByCurrency();
    const customers = new Map<string, AgingByCurrency>();
    for (const row of rows) {
      overall.add(row.currency, row.bucket, row.amount, row.invoices);
      let perCustomer = customers.get(row.customer_id);
      if (!perCustomer) customers.set(row.customer_id, (perCustomer = new AgingByCurrency()));
      perCustomer.add(row.currency, row.bucket, row.amount, row.invoices);
    }
    return {
      object: 'receivables_aging_report' as const,
      as_of: now.toISOString(),
      by_currency: overall.list().map(toAgingResource),
      customers: [...customers.entries()].flatMap(([customerId, figures]) => figures.list().map((f) => ({ customer_id: customerId, ...toAgingResource(f) }))),
    };
  }
}
