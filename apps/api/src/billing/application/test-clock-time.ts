import { Inject, Injectable } from '@nestjs/common';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';

type Tenant = { merchantId: string; mode: 'test' | 'live' };

/**
 * The time a customer lives at: their test clock's, or undefined for the real clock. Read from the
 * read models (three primary-key look-ups at most), which a writer in this process has already
 * waited for, so a clock advanced or a customer attached a moment ago is seen.
 */
@Injectable()
export class TestClockTime {
  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  /** For commands on an order: the customer they name, else the order's. Live mode has only the real clock. */
  async forOrder(tenant: Tenant, orderId: string, namedCustomer?: string): Promise<string | undefined> {
    if (tenant.mode !== 'test') return undefined;
    const customer =
      namedCustomer ??
      (await this.db.first<{ customer_id: string | null }>('SELECT customer_id FROM orders WHERE id = ? AND merchant_id = ? AND mode = ?', [orderId, tenant.merchantId, tenant.mode]))?.customer_id;
    return customer ? this.forCustomer(tenant, customer) : undefined;
  }

  async forCustomer(tenant: Tenant, customerId: string): Promise<string | undefined> {
    if (tenant.mode !== 'test') return undefined;
    const clock = (await this.db.first<{ test_clock_id: string | null }>('SELECT test_clock_id FROM customers WHERE id = ? AND merchant_id = ? AND mode = ?', [customerId, tenant.merchantId, tenant.mode]))
      ?.test_clock_id;
    if (!clock) return undefined;
    const row = await this.db.first<{ state: string }>('SELECT state FROM test_clocks WHERE id = ? AND merchant_id = ? AND mode = ?', [clock, tenant.merchantId, tenant.mode]);
    return row ? frozenTime(row.state) : undefined;
  }
}

/** As `json_extract(state, '$.frozen_time')` read it: the frozen time, undefined when absent (or not text). */
function frozenTime(state: string): string | undefined {
  const parsed = JSON.parse(state) as { frozen_time?: unknown } | null;
  const t = parsed?.frozen_time;
  return typeof t === 'string' ? t : undefined;
}
