import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DomainError, type ExistingOrder } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { ApiError } from '../../platform/api-error.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import { sqliteQueryBuilder } from '../../platform/sql.js';
import type { OrderResource } from './order-resource.js';
import { timelineSequence, toTimelineEntry, type TimelineEntry, type TimelineRow, type TimelineTable } from './timeline-entry.js';
import { timelineConditions, type TimelineFilter } from './timeline-filter.js';

interface OrdersTable {
  id: string;
  merchant_id: string;
  mode: string;
  seq: number;
  status: string;
  payment_status: string;
  refund_status: string;
  customer_id: string | null;
  created_at: string;
  resource: string;
}

export interface OrderFilters {
  status?: string;
  payment_status?: string;
  customer_id?: string;
  created_gte?: string;
  created_lt?: string;
  page_size: number;
  page_token?: string;
}

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

/** Reads of the orders read model, always scoped to the caller's merchant and mode. */
@Injectable()
export class OrdersQueries {
  private readonly sql: Kysely<{ orders: OrdersTable; order_timeline: TimelineTable }> = sqliteQueryBuilder();

  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  async get(tenant: Tenant, id: string): Promise<OrderResource> {
    const row = await this.db.first<{ resource: string }>('SELECT resource FROM orders WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('ORDER_NOT_FOUND', 'not_found', `no order ${id}`);
    return JSON.parse(row.resource) as OrderResource;
  }

  /** The folded order as the read model holds it (read-your-writes: the command path waited for it). */
  async state(tenant: Tenant, id: string): Promise<ExistingOrder> {
    const row = await this.db.first<{ state: string }>('SELECT state FROM orders WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('ORDER_NOT_FOUND', 'not_found', `no order ${id}`);
    return JSON.parse(row.state) as ExistingOrder;
  }

  async list(tenant: Tenant, f: OrderFilters): Promise<Page<OrderResource>> {
    let q = this.sql
      .selectFrom('orders')
      .select(['seq', 'resource'])
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.payment_status) q = q.where('payment_status', '=', f.payment_status);
    if (f.customer_id) q = q.where('customer_id', '=', f.customer_id);
    if (f.created_gte) q = q.where('created_at', '>=', f.created_gte);
    if (f.created_lt) q = q.where('created_at', '<', f.created_lt);
    if (f.page_token) {
      const [seq] = decodePageToken(f.page_token, 1);
      if (typeof seq !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
      q = q.where('seq', '<', seq);
    }
    const compiled = q.orderBy('seq', 'desc').limit(f.page_size + 1).compile();
    const rows = await this.db.all<{ seq: number; resource: string }>(compiled.sql, compiled.parameters as SqlValue[]);
    const more = rows.length > f.page_size;
    const page = rows.slice(0, f.page_size);
    const last = page[page.length - 1];
    return new Page(
      page.map((r) => JSON.parse(r.resource) as OrderResource),
      more && last ? encodePageToken([last.seq]) : null,
    );
  }

  /** The order's timeline in log order, narrowed by the filter (types, occurred_at range). */
  async timeline(tenant: Tenant, orderId: string, filter: TimelineFilter = {}): Promise<TimelineEntry[]> {
    await this.get(tenant, orderId);
    let q = this.sql
      .selectFrom('order_timeline')
      .select(['position', 'order_id', 'type', 'occurred_at', 'summary', 'amounts', 'request_id'])
      .select(timelineSequence().as('sequence'))
      .where('order_id', '=', orderId)
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode);
    for (const condition of timelineConditions(filter)) q = q.where(condition);
    const compiled = q.orderBy('position', 'asc').compile();
    const rows = await this.db.all<TimelineRow>(compiled.sql, compiled.parameters as SqlValue[]);
    return rows.map(toTimelineEntry);
  }
}
