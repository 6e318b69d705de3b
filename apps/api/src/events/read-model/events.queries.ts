import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
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
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly clock: Clock,
  ) {}

  list(tenant: Tenant, page: { page_size: number; page_token?: string }, filter: EventFilter): Page<PublicEvent> {
    const filters: [string, unknown][] = [['created_at >= ?', this.cutoff()]];
    if (filter.types?.length) filters.push([`type IN (SELECT value FROM json_each(?))`, JSON.stringify(filter.types)]);
    // An order's id finds its own events and those of everything in it (each has the order's id).
    if (filter.object_id) filters.push([filter.object_id.startsWith('ord_') ? 'order_id = ?' : 'object_id = ?', filter.object_id]);
    return pageBySeq<{ body: string }, PublicEvent>(this.sqlite.db, { table: 'public_events', columns: 'body', tenant, page, filters }, (r) => JSON.parse(r.body) as PublicEvent);
  }

  event(tenant: Tenant, id: string): PublicEvent {
    const row = this.sqlite.db.prepare('SELECT body FROM public_events WHERE id = ? AND merchant_id = ? AND mode = ? AND created_at >= ?').get(id, tenant.merchantId, tenant.mode, this.cutoff()) as
      | { body: string }
      | undefined;
    if (!row) throw new DomainError('EVENT_NOT_FOUND', 'not_found', `no event ${id}`, 'id');
    return JSON.parse(row.body) as PublicEvent;
  }

  private cutoff(): string {
    return new Date(this.clock.now().getTime() - this.config.eventRetentionDays * 24 * 3600 * 1000).toISOString();
  }
}
