import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ExistingPaymentLink } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { pageBySeq } from '../../platform/seq-page.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { PaymentLinkResource } from './payment-link-resource.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

export interface LinkOwner {
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  state: ExistingPaymentLink;
}

@Injectable()
export class PaymentLinksQueries {
  constructor(
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  link(tenant: Tenant, id: string): PaymentLinkResource {
    const row = this.sqlite.db.prepare('SELECT pay_token, resource FROM payment_links WHERE id = ? AND merchant_id = ? AND mode = ?').get(id, tenant.merchantId, tenant.mode) as
      | { pay_token: string; resource: string }
      | undefined;
    if (!row) throw new DomainError('PAYMENT_LINK_NOT_FOUND', 'not_found', `no payment link ${id}`);
    return this.withUrl(row);
  }

  list(tenant: Tenant, page: { page_size: number; page_token?: string }): Page<PaymentLinkResource> {
    return pageBySeq<{ pay_token: string; resource: string }, PaymentLinkResource>(this.sqlite.db, { table: 'payment_links', columns: 'pay_token, resource', tenant, page }, (r) => this.withUrl(r));
  }

  byToken(token: string): LinkOwner | undefined {
    const row = this.sqlite.db.prepare('SELECT id, merchant_id, mode, state FROM payment_links WHERE pay_token = ?').get(token) as (Omit<LinkOwner, 'state'> & { state: string }) | undefined;
    return row ? { ...row, state: JSON.parse(row.state) as ExistingPaymentLink } : undefined;
  }

  urlOf(payToken: string): string {
    return `${this.config.publicUrl}/l/${payToken}`;
  }

  private withUrl(row: { pay_token: string; resource: string }): PaymentLinkResource {
    return { ...(JSON.parse(row.resource) as Omit<PaymentLinkResource, 'url'>), url: this.urlOf(row.pay_token) };
  }
}
