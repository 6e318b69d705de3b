import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { ApiError } from '../../platform/api-error.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { CheckoutSessionResource } from './checkout-session-resource.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

/** Who a hosted page's token belongs to: the page acts for that merchant and mode only. */
export interface SessionOwner {
  id: string;
  order_id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: string;
}

/** Checkout sessions as their rows say, scoped to the caller (another merchant's is 404). */
@Injectable()
export class CheckoutSessionsQueries {
  constructor(
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  session(tenant: Tenant, id: string): CheckoutSessionResource {
    const row = this.sqlite.db.prepare('SELECT pay_token, resource FROM checkout_sessions WHERE id = ? AND merchant_id = ? AND mode = ?').get(id, tenant.merchantId, tenant.mode) as
      | { pay_token: string; resource: string }
      | undefined;
    if (!row) throw new DomainError('CHECKOUT_SESSION_NOT_FOUND', 'not_found', `no checkout session ${id}`);
    return this.withUrl(row);
  }

  sessionOrder(tenant: Tenant, id: string): string {
    return this.session(tenant, id).order_id;
  }

  list(tenant: Tenant, page: { page_size: number; page_token?: string }, filters: { order_id?: string; status?: string; payment_link_id?: string }): Page<CheckoutSessionResource> {
    let seq = Number.MAX_SAFE_INTEGER;
    if (page.page_token) {
      const [value] = decodePageToken(page.page_token, 1);
      if (typeof value !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
      seq = value;
    }
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of Object.entries(filters)) {
      if (value === undefined) continue;
      where.push(`AND ${column} = ?`);
      params.push(value);
    }
    const rows = this.sqlite.db
      .prepare(`SELECT seq, pay_token, resource FROM checkout_sessions WHERE merchant_id = ? AND mode = ? AND seq < ? ${where.join(' ')} ORDER BY seq DESC LIMIT ?`)
      .all(tenant.merchantId, tenant.mode, seq, ...params, page.page_size + 1) as { seq: number; pay_token: string; resource: string }[];
    const served = rows.slice(0, page.page_size);
    const last = served.at(-1);
    return new Page(
      served.map((r) => this.withUrl(r)),
      rows.length > page.page_size && last ? encodePageToken([last.seq]) : null,
    );
  }

  /** The session behind a hosted page's token; undefined for a token nobody was given. */
  byToken(token: string): SessionOwner | undefined {
    return this.sqlite.db.prepare('SELECT id, order_id, merchant_id, mode, status FROM checkout_sessions WHERE pay_token = ?').get(token) as SessionOwner | undefined;
  }

  /** Open sessions whose expiry is at or before `now`, oldest first (the expiry job). */
  expiredOpen(now: string, limit = 100): SessionOwner[] {
    return this.sqlite.db
      .prepare("SELECT id, order_id, merchant_id, mode, status FROM checkout_sessions WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?")
      .all(now, limit) as SessionOwner[];
  }

  urlOf(payToken: string): string {
    return `${this.config.publicUrl}/checkout/${payToken}`;
  }

  private withUrl(row: { pay_token: string; resource: string }): CheckoutSessionResource {
    const resource = JSON.parse(row.resource) as Omit<CheckoutSessionResource, 'url'>;
    // Only an open session has a page that takes money; ended ones keep their status page.
    return { ...resource, url: this.urlOf(row.pay_token) };
  }
}
