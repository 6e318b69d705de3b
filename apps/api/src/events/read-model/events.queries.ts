import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { Clock } from '../../platform/clock.js';
import type { Page } from '../../platform/envelope.interceptor.js';
import type { RequestContext } from '../../platform/request-context.js';
import { pageBySeq } from '../../platform/seq-page.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;
export type PublicEvent = Record<string, unknown> & { id: string; type: string };

export interface EventFilter {
  /** Exact types, any of them. */
  types?: string[];
  /** The object's id, or an order's id (its payments, refunds, invoices and sessions too). */
  object_id?: string;
}

/**
 * The event feed: the public events of the last `eventRetentionDays` days, newest first. Older
 * events stay in the table (deliveries point at them) but the feed no longer shows them.
 */
@Injectable()
export class EventsQueries {
  constructor(
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly clock: Clock,
  ) {}

  list(tenant: Tenant, page: { page_size: number; page_token?: string }, filter: EventFilter): Promise<Page<PublicEvent>> {
    const filters: [string, ...SqlValue[]][] = [['created_at >= ?', this.cutoff()]];
    // One placeholder per type: the same SQL on SQLite and PostgreSQL.
    if (filter.types?.length) filters.push([`type IN (${filter.types.map(() => '?').join(', ')})`, ...filter.types]);
    // An order's id finds its own events and those of everything in it (each has the order's id).
    if (filter.object_id) filters.push([filter.object_id.startsWith('ord_') ? 'order_id = ?' : 'object_id = ?', filter.object_id]);
    return pageBySeq<{ body: string }, PublicEvent>(this.db, { table: 'public_events', columns: 'body', tenant, page, filters }, (r) => JSON.parse(r.body) as PublicEvent);
  }

  async event(tenant: Tenant, id: string): Promise<PublicEvent> {
    const row = await this.db.first<{ body: string }>('SELECT body FROM public_events WHERE id = ? AND merchant_id = ? AND mode = ? AND created_at >= ?', [id, tenant.merchantId, tenant.mode, this.cutoff()]);
    if (!row) throw new DomainError('EVENT_NOT_FOUND', 'not_found', `no event ${id}`, 'id');
    return JSON.parse(row.body) as PublicEvent;
  }

  private cutoff(): string {
    return new Date(this.clock.now().getTime() - this.config.eventRetentionDays * 24 * 3600 * 1000).toISOString();
  }
}
