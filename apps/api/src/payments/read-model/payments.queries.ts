import { Inject, Injectable } from '@nestjs/common';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { pageSignature } from '../../platform/page-signature.js';
import { ServerSecrets } from '../../platform/server-secrets.js';
import { DomainError } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { PaymentIntentResource, RefundResource } from './payment-resources.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

/** As the list routes' query strings give them (page_size is a numeric string). */
export interface ListFilters {
  order_id?: string;
  customer_id?: string;
  status?: string;
  payment_intent_id?: string;
  page_size?: string;
  page_token?: string;
}

const FILTER_COLUMNS = ['order_id', 'customer_id', 'status', 'payment_intent_id'] as const;

/**
 * Reads of payment intents and refunds, always scoped to the caller: another merchant's id is
 * answered exactly like an unknown one (404).
 */
@Injectable()
export class PaymentsQueries {
  constructor(
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly secrets: ServerSecrets,
  ) {}

  /** A challenge waiting for the buyer links to its hosted 3-D Secure page. */
  private withChallengePage(resource: PaymentIntentResource): PaymentIntentResource {
    if (!resource.next_action) return resource;
    const url = `${this.config.publicUrl}/authenticate/${resource.id}/${pageSignature(this.secrets.idSecret, 'challenge', resource.id)}`;
    return { ...resource, next_action: { ...resource.next_action, redirect_url: url } };
  }

  /** The order an intent belongs to (the route → stream look-up). */
  async intentOrder(tenant: Tenant, id: string): Promise<string> {
    return (await this.intentRow(tenant, id)).order_id;
  }

  async intent(tenant: Tenant, id: string): Promise<PaymentIntentResource> {
    return this.withChallengePage(JSON.parse((await this.intentRow(tenant, id)).resource) as PaymentIntentResource);
  }

  async refund(tenant: Tenant, id: string): Promise<RefundResource> {
    const row = await this.db.first<{ resource: string }>('SELECT resource FROM refunds WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('REFUND_NOT_FOUND', 'not_found', `no refund ${id}`);
    return JSON.parse(row.resource) as RefundResource;
  }

  async listIntents(tenant: Tenant, f: ListFilters): Promise<Page<PaymentIntentResource>> {
    const page = await this.list<PaymentIntentResource>('payment_intents', tenant, { ...f, payment_intent_id: undefined });
    return new Page(page.items.map((r) => this.withChallengePage(r)), page.nextPageToken);
  }

  listRefunds(tenant: Tenant, f: ListFilters): Promise<Page<RefundResource>> {
    return this.list<RefundResource>('refunds', tenant, f);
  }

  private async intentRow(tenant: Tenant, id: string): Promise<{ order_id: string; resource: string }> {
    const row = await this.db.first<{ order_id: string; resource: string }>('SELECT order_id, resource FROM payment_intents WHERE id = ? AND merchant_id = ? AND mode = ?', [id, tenant.merchantId, tenant.mode]);
    if (!row) throw new DomainError('PAYMENT_INTENT_NOT_FOUND', 'not_found', `no payment intent ${id}`);
    return row;
  }

  /** Newest first; the cursor is (created_at, id) of the last row served. */
  private async list<T>(table: 'payment_intents' | 'refunds', tenant: Tenant, f: ListFilters): Promise<Page<T>> {
    const pageSize = f.page_size ? Number(f.page_size) : 20;
    const where = ['merchant_id = ?', 'mode = ?'];
    const params: SqlValue[] = [tenant.merchantId, tenant.mode];
    for (const name of FILTER_COLUMNS) {
      const value = f[name];
      if (value === undefined) continue;
      // A refund spread over payments is found under each of them.
      where.push(table === 'refunds' && name === 'payment_intent_id' ? 'id IN (SELECT refund_id FROM refund_payments WHERE payment_intent_id = ?)' : `${name} = ?`);
      params.push(value);
    }
    if (f.page_token) {
      const [createdAt, id] = decodePageToken(f.page_token, 2);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(createdAt, createdAt, id);
    }
    const rows = await this.db.all<{ id: string; created_at: string; resource: string }>(
      `SELECT id, created_at, resource FROM ${table} WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, pageSize + 1],
    );
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    return new Page(
      page.map((r) => JSON.parse(r.resource) as T),
      rows.length > pageSize && last ? encodePageToken([last.created_at, last.id]) : null,
    );
  }
}
