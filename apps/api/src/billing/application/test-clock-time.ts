import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';

type Tenant = { merchantId: string; mode: 'test' | 'live' };

/**
 * The time a customer lives at: their test clock's, or undefined for the real clock. Read from the
 * read models (three primary-key look-ups at most), which a writer in this process has already
 * waited for, so a clock advanced or a customer attached a moment ago is seen.
 */
@Injectable()
export class TestClockTime {
  private statements?: { customerOfOrder: Statement; clockOfCustomer: Statement; clockTime: Statement };

  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  private prepared() {
    const db = this.sqlite.db;
    // Prepared on first use: the tables exist once the projections have started.
    this.statements ??= {
      customerOfOrder: db.prepare('SELECT customer_id FROM orders WHERE id = ? AND merchant_id = ? AND mode = ?'),
      clockOfCustomer: db.prepare('SELECT test_clock_id FROM customers WHERE id = ? AND merchant_id = ? AND mode = ?'),
      clockTime: db.prepare("SELECT json_extract(state, '$.frozen_time') AS t FROM test_clocks WHERE id = ? AND merchant_id = ? AND mode = ?"),
    };
    return this.statements;
  }

  /** For commands on an order: the customer they name, else the order's. Live mode has only the real clock. */
  forOrder(tenant: Tenant, orderId: string, namedCustomer?: string): string | undefined {
    if (tenant.mode !== 'test') return undefined;
    const s = this.prepared();
    const customer = namedCustomer ?? (s.customerOfOrder.get(orderId, tenant.merchantId, tenant.mode) as { customer_id: string | null } | undefined)?.customer_id;
    return customer ? this.forCustomer(tenant, customer) : undefined;
  }

  forCustomer(tenant: Tenant, customerId: string): string | undefined {
    if (tenant.mode !== 'test') return undefined;
    const s = this.prepared();
    const clock = (s.clockOfCustomer.get(customerId, tenant.merchantId, tenant.mode) as { test_clock_id: string | null } | undefined)?.test_clock_id;
    if (!clock) return undefined;
    return (s.clockTime.get(clock, tenant.merchantId, tenant.mode) as { t: string } | undefined)?.t;
  }
}
