import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { timelineSequence, toTimelineEntry, type TimelineRow, type TimelineTable } from '../../orders/read-model/timeline-entry.js';
import { timelineConditions, type TimelineFilter } from '../../orders/read-model/timeline-filter.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
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

/** One entry of a customer's timeline: an order timeline entry plus the order it is about. */
export function toCustomerTimelineEntry(row: TimelineRow) {
  return { order_id: row.order_id, ...toTimelineEntry(row) };
}

/**
 * A customer's timeline: every entry of every order whose customer they are (the order's current
 * customer_id), in log order, cursor-paginated by log position. Scoped to the caller's merchant
 * and mode: another merchant's customer has an empty timeline, like an unknown one.
 */
@Injectable()
export class CustomerTimelineQueries {
  private readonly sql: Kysely<{ orders: OrdersTable; order_timeline: TimelineTable }> = sqliteQueryBuilder();

  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  timeline(tenant: Tenant, customerId: string, filter: TimelineFilter, page: TimelinePage): Page<ReturnType<typeof toCustomerTimelineEntry>> {
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
      .where('order_timeline.mode', '=', tenant.mode);
    for (const condition of timelineConditions(filter, 'order_timeline')) q = q.where(condition);
    if (page.page_token) {
      const [position] = decodePageToken(page.page_token, 1);
      if (typeof position !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
      q = q.where('order_timeline.position', '>', position);
    }
    const compiled = q.orderBy('order_timeline.position', 'asc').limit(page.page_size + 1).compile();
    const rows = this.sqlite.db.prepare(compiled.sql).all(...compiled.parameters) as TimelineRow[];
    const served = rows.slice(0, page.page_size);
    const last = served[served.length - 1];
    return new Page(served.map(toCustomerTimelineEntry), rows.length > page.page_size && last ? encodePageToken([last.position]) : null);
  }
}
