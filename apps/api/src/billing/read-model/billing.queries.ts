import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { pageBySeq } from '../../platform/seq-page.js';
import type { RequestContext } from '../../platform/request-context.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

export interface PageRequest {
  page_size: number;
  page_token?: string;
}

/** Plans, subscriptions and test clocks as their rows say, scoped to the caller (another's is 404). */
@Injectable()
export class BillingQueries {
  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  private async one(table: 'plans' | 'subscriptions' | 'test_clocks', tenant: Tenant, id: string, code: string): Promise<unknown> {
    const row = await this.db.first<{ resource: string }>(`SELECT resource FROM ${table} WHERE id = ? AND merchant_id = ? AND mode = ?`, [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError(code, 'not_found', `no ${table.replace(/s$/, '').replace('_', ' ')} ${id}`);
    return JSON.parse(row.resource);
  }

  private page(table: 'plans' | 'subscriptions', tenant: Tenant, page: PageRequest, filters: [string, SqlValue][] = []): Promise<Page<unknown>> {
    return pageBySeq<{ resource: string }, unknown>(this.db, { table, columns: 'resource', tenant, page, filters }, (r) => JSON.parse(r.resource));
  }

  plan(tenant: Tenant, id: string) {
    return this.one('plans', tenant, id, 'PLAN_NOT_FOUND');
  }

  plans(tenant: Tenant, page: PageRequest) {
    return this.page('plans', tenant, page);
  }

  subscription(tenant: Tenant, id: string) {
    return this.one('subscriptions', tenant, id, 'SUBSCRIPTION_NOT_FOUND');
  }

  subscriptions(tenant: Tenant, page: PageRequest, filters: { customer_id?: string; status?: string }) {
    const where: [string, SqlValue][] = [];
    if (filters.customer_id) where.push(['customer_id = ?', filters.customer_id]);
    if (filters.status) where.push(['status = ?', filters.status]);
    return this.page('subscriptions', tenant, page, where);
  }

  testClock(tenant: Tenant, id: string) {
    return this.one('test_clocks', tenant, id, 'TEST_CLOCK_NOT_FOUND');
  }

  /** Subscriptions billed by a test clock's time (canceled ones have nothing left to do). */
  async subscriptionsOnClock(tenant: Tenant, clockId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>("SELECT id FROM subscriptions WHERE test_clock_id = ? AND merchant_id = ? AND mode = ? AND status != 'canceled' ORDER BY seq", [
      clockId,
      tenant.merchantId,
      tenant.mode,
    ]);
    return rows.map((r) => r.id);
  }

  /** Subscriptions on the real clock that may have work (every tenant: the scheduler's view). */
  subscriptionsOnRealTime(): Promise<{ id: string; merchant_id: string; mode: 'test' | 'live' }[]> {
    return this.db.all("SELECT id, merchant_id, mode FROM subscriptions WHERE test_clock_id IS NULL AND status NOT IN ('canceled', 'paused') ORDER BY seq");
  }

  /** Open cycles whose order has nothing left outstanding: paid by a charge, a wire, an invoice… */
  cyclesPaidMeanwhile(): Promise<{ subscription_id: string; cycle: number; merchant_id: string; mode: 'test' | 'live'; paid_at: string }[]> {
    return this.db.all(
      `SELECT c.subscription_id, c.cycle, c.merchant_id, c.mode, o.updated_at AS paid_at FROM subscription_cycles c JOIN orders o ON o.id = c.order_id
       WHERE c.paid = 0 AND o.outstanding = 0 AND o.payment_status = 'paid'`,
    );
  }
}
