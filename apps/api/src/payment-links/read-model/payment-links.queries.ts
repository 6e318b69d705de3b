import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ExistingPaymentLink } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
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
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  async link(tenant: Tenant, id: string): Promise<PaymentLinkResource> {
    const row = await this.db.first<{ pay_token: string; resource: string }>('SELECT pay_token, resource FROM payment_links WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('PAYMENT_LINK_NOT_FOUND', 'not_found', `no payment link ${id}`);
    return this.withUrl(row);
  }

  list(tenant: Tenant, page: { page_size: number; page_token?: string }): Promise<Page<PaymentLinkResource>> {
    return pageBySeq<{ pay_token: string; resource: string }, PaymentLinkResource>(this.db, { table: 'payment_links', columns: 'pay_token, resource', tenant, page }, (r) => this.withUrl(r));
  }

  async byToken(token: string): Promise<LinkOwner | undefined> {
    const row = await this.db.first<Omit<LinkOwner, 'state'> & { state: string }>('SELECT id, merchant_id, mode, state FROM payment_links WHERE pay_token = ?', [token]);
    return row ? { ...row, state: JSON.parse(row.state) as ExistingPaymentLink } : undefined;
  }

  urlOf(payToken: string): string {
    return `${this.config.publicUrl}/l/${payToken}`;
  }

  private withUrl(row: { pay_token: string; resource: string }): PaymentLinkResource {
    return { ...(JSON.parse(row.resource) as Omit<PaymentLinkResource, 'url'>), url: this.urlOf(row.pay_token) };
  }
}
