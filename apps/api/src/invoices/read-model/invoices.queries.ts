import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { InvoiceResource } from './invoice-resource.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

/** As the list route's query string gives them. */
export interface InvoiceFilters {
  status?: string;
  customer_id?: string;
  order_id?: string;
  /** 'true' | 'false' */
  overdue?: string;
  due_from?: string;
  due_to?: string;
  page_size?: string;
  page_token?: string;
}

/** Reads of invoices, always scoped to the caller (another merchant's invoice is a 404 like an unknown one). */
@Injectable()
export class InvoicesQueries {
  constructor(
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  invoice(tenant: Tenant, id: string): InvoiceResource {
    return this.withUrl(this.row(tenant, id));
  }

  /** The hosted invoice page, once issued (a draft has no page; a void one keeps its status page). */
  private withUrl(row: { pay_token: string | null; resource: string }): InvoiceResource {
    const resource = JSON.parse(row.resource) as InvoiceResource;
    return { ...resource, hosted_invoice_url: row.pay_token ? `${this.config.publicUrl}/i/${row.pay_token}` : null };
  }

  /** The order an invoice bills (the route → stream look-up). */
  invoiceOrder(tenant: Tenant, id: string): string {
    return this.row(tenant, id).order_id;
  }

  /** The invoice an order's draft or issued invoice is, if any. */
  activeInvoiceOf(tenant: Tenant, orderId: string): string | undefined {
    const row = this.sqlite.db
      .prepare("SELECT id FROM invoices WHERE order_id = ? AND merchant_id = ? AND mode = ? AND status NOT IN ('void', 'uncollectible') ORDER BY created_at DESC LIMIT 1")
      .get(orderId, tenant.merchantId, tenant.mode) as { id: string } | undefined;
    return row?.id;
  }

  list(tenant: Tenant, f: InvoiceFilters): Page<InvoiceResource> {
    const pageSize = f.page_size ? Number(f.page_size) : 20;
    const where = ['merchant_id = ?', 'mode = ?'];
    const params: unknown[] = [tenant.merchantId, tenant.mode];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (f.status) add('status = ?', f.status);
    if (f.customer_id) add('customer_id = ?', f.customer_id);
    if (f.order_id) add('order_id = ?', f.order_id);
    if (f.overdue !== undefined) add('overdue = ?', f.overdue === 'true' ? 1 : 0);
    if (f.due_from) add('due_at >= ?', f.due_from);
    if (f.due_to) add('due_at <= ?', f.due_to);
    if (f.page_token) {
      const [createdAt, id] = decodePageToken(f.page_token, 2);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(createdAt, createdAt, id);
    }
    const rows = this.sqlite.db
      .prepare(`SELECT id, created_at, pay_token, resource FROM invoices WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(...params, pageSize + 1) as { id: string; created_at: string; pay_token: string | null; resource: string }[];
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    return new Page(
      page.map((r) => this.withUrl(r)),
      rows.length > pageSize && last ? encodePageToken([last.created_at, last.id]) : null,
    );
  }

  private row(tenant: Tenant, id: string): { order_id: string; pay_token: string | null; resource: string } {
    const row = this.sqlite.db.prepare('SELECT order_id, pay_token, resource FROM invoices WHERE id = ? AND merchant_id = ? AND mode = ?').get(id, tenant.merchantId, tenant.mode) as
      | { order_id: string; pay_token: string | null; resource: string }
      | undefined;
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'not_found', `no invoice ${id}`);
    return row;
  }
}
