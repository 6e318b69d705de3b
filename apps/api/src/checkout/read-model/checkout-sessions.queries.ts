import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { pageBySeq } from '../../platform/seq-page.js';
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
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  async session(tenant: Tenant, id: string): Promise<CheckoutSessionResource> {
    const row = await this.db.first<{ pay_token: string; resource: string }>('SELECT pay_token, resource FROM checkout_sessions WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('CHECKOUT_SESSION_NOT_FOUND', 'not_found', `no checkout session ${id}`);
    return this.withUrl(row);
  }

  async sessionOrder(tenant: Tenant, id: string): Promise<string> {
    return (await this.session(tenant, id)).order_id;
  }

  list(tenant: Tenant, page: { page_size: number; page_token?: string }, filters: { order_id?: string; status?: string; payment_link_id?: string }): Promise<Page<CheckoutSessionResource>> {
    const where = Object.entries(filters).flatMap(([column, value]) => (value === undefined ? [] : [[`${column} = ?`, value] as const]));
    return pageBySeq<{ pay_token: string; resource: string }, CheckoutSessionResource>(this.db, { table: 'checkout_sessions', columns: 'pay_token, resource', tenant, page, filters: where }, (r) => this.withUrl(r));
  }

  /** The session behind a hosted page's token; undefined for a token nobody was given. */
  byToken(token: string): Promise<SessionOwner | undefined> {
    return this.db.first<SessionOwner>('SELECT id, order_id, merchant_id, mode, status FROM checkout_sessions WHERE pay_token = ?', [token]);
  }

  /** Open sessions whose expiry is at or before `now`, oldest first (the expiry job). */
  expiredOpen(now: string, limit = 100): Promise<SessionOwner[]> {
    return this.db.all<SessionOwner>("SELECT id, order_id, merchant_id, mode, status FROM checkout_sessions WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?", [now, limit]);
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
