import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { timelineSequence, toTimelineEntry, type TimelineRow, type TimelineTable } from '../../orders/read-model/timeline-entry.js';
import { timelineConditions, type TimelineFilter } from '../../orders/read-model/timeline-filter.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { ApiError } from '../../platform/api-error.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import { sqliteQueryBuilder } from '../../platform/sql.js';

/** The columns of `orders` the join needs. */
interface OrdersTable {
  id: string;
  merchant_id: string;
  mode: string;
  customer_id: string | null;
}

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

export interface TimelinePage {
  page_size: number;
  page_token?: string;
}

/** One entry of a customer's timeline: an order timeline entry plus the order it is about (null for the customer's own facts). */
export function toCustomerTimelineEntry(row: TimelineRow): CustomerTimelineEntry {
  return { order_id: row.order_id, ...toTimelineEntry(row) };
}

export type CustomerTimelineEntry = { order_id: string | null } & Omit<ReturnType<typeof toTimelineEntry>, 'amounts_after'> & { amounts_after: ReturnType<typeof toTimelineEntry>['amounts_after'] | null };
type Positioned = CustomerTimelineEntry & { position: number };

/** `customer_timeline` (written by CustomersProjection). */
interface CustomerTimelineTable {
  position: number;
  customer_id: string;
  merchant_id: string;
  mode: string;
  revision: number;
  type: string;
  occurred_at: string;
  summary: string;
  request_id: string | null;
}

/**
 * A customer's timeline: the customer's own facts (details, saved and removed payment methods) and
 * every entry of every order whose customer they are (the order's current customer_id), in log order, cursor-paginated by log position. Scoped to the caller's merchant
 * and mode: another merchant's customer has an empty timeline, like an unknown one.
 */
@Injectable()
export class CustomerTimelineQueries {
  private readonly sql: Kysely<{ orders: OrdersTable; order_timeline: TimelineTable; customer_timeline: CustomerTimelineTable; subscription_timeline: CustomerTimelineTable }> = sqliteQueryBuilder();

  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  async timeline(tenant: Tenant, customerId: string, filter: TimelineFilter, page: TimelinePage): Promise<Page<CustomerTimelineEntry>> {
    let after = -1;
    if (page.page_token) {
      const [position] = decodePageToken(page.page_token, 1);
      if (typeof position !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
      after = position;
    }
    // Two sources in log order: each gives its first page_size + 1 after the cursor, the merge keeps the first of both.
    const entries = [...(await this.orderEntries(tenant, customerId, filter, after, page.page_size + 1)), ...(await this.ownEntries(tenant, customerId, filter, after, page.page_size + 1))]
      .sort((a, b) => a.position - b.position)
      .slice(0, page.page_size + 1);
    const served = entries.slice(0, page.page_size);
    const last = served[served.length - 1];
    return new Page(
      served.map(({ position: _position, ...entry }) => entry),
      entries.length > page.page_size && last ? encodePageToken([last.position]) : null,
    );
  }

  /** Entries of the customer's orders. */
  private async orderEntries(tenant: Tenant, customerId: string, filter: TimelineFilter, after: number, limit: number): Promise<Positioned[]> {
    let q = this.sql
      .selectFrom('order_timeline')
      .innerJoin('orders', 'orders.id', 'order_timeline.order_id')
      .select([
        'order_timeline.position',
        'order_timeline.order_id',
        'order_timeline.type',
        'order_timeline.occurred_at',
        'order_timeline.summary',
        'order_timeline.amounts',
        'order_timeline.request_id',
      ])
      .select(timelineSequence('order_timeline').as('sequence'))
      .where('orders.merchant_id', '=', tenant.merchantId)
      .where('orders.mode', '=', tenant.mode)
      .where('orders.customer_id', '=', customerId)
      .where('order_timeline.merchant_id', '=', tenant.merchantId)
      .where('order_timeline.mode', '=', tenant.mode)
      .where('order_timeline.position', '>', after);
    for (const condition of timelineConditions(filter, 'order_timeline')) q = q.where(condition);
    const compiled = q.orderBy('order_timeline.position', 'asc').limit(limit).compile();
    const rows = await this.db.all<TimelineRow>(compiled.sql, compiled.parameters as SqlValue[]);
    return rows.map((row) => ({ position: row.position, ...toCustomerTimelineEntry(row) }));
  }

  /** The customer's own facts (details, saved methods) and their subscriptions': no order, no amounts. */
  private async ownEntries(tenant: Tenant, customerId: string, filter: TimelineFilter, after: number, limit: number): Promise<Positioned[]> {
    return (await Promise.all((['customer_timeline', 'subscription_timeline'] as const).map((table) => this.factsOf(table, tenant, customerId, filter, after, limit)))).flat();
  }

  private async factsOf(table: 'customer_timeline' | 'subscription_timeline', tenant: Tenant, customerId: string, filter: TimelineFilter, after: number, limit: number): Promise<Positioned[]> {
    let q = this.sql
      .selectFrom(table)
      .select(['position', 'revision', 'type', 'occurred_at', 'summary', 'request_id'])
      .where('customer_id', '=', customerId)
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode)
      .where('position', '>', after);
    for (const condition of timelineConditions(filter, table)) q = q.where(condition);
    const compiled = q.orderBy('position', 'asc').limit(limit).compile();
    const rows = await this.db.all<Omit<CustomerTimelineTable, 'customer_id' | 'merchant_id' | 'mode'>>(compiled.sql, compiled.parameters as SqlValue[]);
    return rows.map((row) => ({
      position: row.position,
      order_id: null,
      sequence: row.revision + 1,
      type: row.type,
      occurred_at: row.occurred_at,
      summary: row.summary,
      amounts_after: null,
      request_id: row.request_id,
    }));
  }
}
