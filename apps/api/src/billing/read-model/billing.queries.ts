import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
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
  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  private one(table: 'plans' | 'subscriptions' | 'test_clocks', tenant: Tenant, id: string, code: string): unknown {
    const row = this.sqlite.db.prepare(`SELECT resource FROM ${table} WHERE id = ? AND merchant_id = ? AND mode = ?`).get(id, tenant.merchantId, tenant.mode) as { resource: string } | undefined;
    if (!row) throw new DomainError(code, 'not_found', `no ${table.replace(/s$/, '').replace('_', ' ')} ${id}`);
    return JSON.parse(row.resource);
  }

  private page(table: 'plans' | 'subscriptions', tenant: Tenant, page: PageRequest, filters: [string, unknown][] = []): Page<unknown> {
    return pageBySeq<{ resource: string }, unknown>(this.sqlite.db, { table, columns: 'resource', tenant, page, filters }, (r) => JSON.parse(r.resource));
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
    const where: [string, unknown][] = [];
    if (filters.customer_id) where.push(['customer_id = ?', filters.customer_id]);
    if (filters.status) where.push(['status = ?', filters.status]);
    return this.page('subscriptions', tenant, page, where);
  }

  testClock(tenant: Tenant, id: string) {
    return this.one('test_clocks', tenant, id, 'TEST_CLOCK_NOT_FOUND');
  }

  /** Subscriptions billed by a test clock's time (canceled ones have nothing left to do). */
  subscriptionsOnClock(tenant: Tenant, clockId: string): string[] {
    const rows = this.sqlite.db
      .prepare("SELECT id FROM subscriptions WHERE test_clock_id = ? AND merchant_id = ? AND mode = ? AND status != 'canceled' ORDER BY seq")
      .all(clockId, tenant.merchantId, tenant.mode) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Subscriptions on the real clock that may have work (every tenant: the scheduler's view). */
  subscriptionsOnRealTime(): { id: string; merchant_id: string; mode: 'test' | 'live' }[] {
    return this.sqlite.db
      .prepare("SELECT id, merchant_id, mode FROM subscriptions WHERE test_clock_id IS NULL AND status NOT IN ('canceled', 'paused') ORDER BY seq")
      .all() as { id: string; merchant_id: string; mode: 'test' | 'live' }[];
  }

  /** Open cycles whose order has nothing left outstanding: paid by a charge, a wire, an invoice… */
  cyclesPaidMeanwhile(): { subscription_id: string; cycle: number; merchant_id: string; mode: 'test' | 'live'; paid_at: string }[] {
    return this.sqlite.db
      .prepare(
        `SELECT c.subscription_id, c.cycle, c.merchant_id, c.mode, o.updated_at AS paid_at FROM subscription_cycles c JOIN orders o ON o.id = c.order_id
         WHERE c.paid = 0 AND o.outstanding = 0 AND o.payment_status = 'paid'`,
      )
      .all() as { subscription_id: string; cycle: number; merchant_id: string; mode: 'test' | 'live'; paid_at: string }[];
  }
}
