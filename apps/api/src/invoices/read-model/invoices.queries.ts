import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
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
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  async invoice(tenant: Tenant, id: string): Promise<InvoiceResource> {
    return this.withUrl(await this.row(tenant, id));
  }

  /** The hosted invoice page, once issued (a draft has no page; a void one keeps its status page). */
  private withUrl(row: { pay_token: string | null; resource: string }): InvoiceResource {
    const resource = JSON.parse(row.resource) as InvoiceResource;
    return { ...resource, hosted_invoice_url: row.pay_token ? `${this.config.publicUrl}/i/${row.pay_token}` : null };
  }

  /** The order an invoice bills (the route → stream look-up). */
  async invoiceOrder(tenant: Tenant, id: string): Promise<string> {
    return (await this.row(tenant, id)).order_id;
  }

  /** The invoice an order's draft or issued invoice is, if any. */
  async activeInvoiceOf(tenant: Tenant, orderId: string): Promise<string | undefined> {
    const row = await this.db.first<{ id: string }>(
      "SELECT id FROM invoices WHERE order_id = ? AND merchant_id = ? AND mode = ? AND status NOT IN ('void', 'uncollectible') ORDER BY created_at DESC LIMIT 1",
      [orderId, tenant.merchantId, tenant.mode],
    );
    return row?.id;
  }

  async list(tenant: Tenant, f: InvoiceFilters): Promise<Page<InvoiceResource>> {
    const pageSize = f.page_size ? Number(f.page_size) : 20;
    const where = ['merchant_id = ?', 'mode = ?'];
    const params: SqlValue[] = [tenant.merchantId, tenant.mode];
    const add = (clause: string, value: SqlValue) => {
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
    const rows = await this.db.all<{ id: string; created_at: string; pay_token: string | null; resource: string }>(
      `SELECT id, created_at, pay_token, resource FROM invoices WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, pageSize + 1],
    );
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    return new Page(
      page.map((r) => this.withUrl(r)),
      rows.length > pageSize && last ? encodePageToken([last.created_at, last.id]) : null,
    );
  }

  private async row(tenant: Tenant, id: string): Promise<{ order_id: string; pay_token: string | null; resource: string }> {
    const row = await this.db.first<{ order_id: string; pay_token: string | null; resource: string }>('SELECT order_id, pay_token, resource FROM invoices WHERE id = ? AND merchant_id = ? AND mode = ?', [
      id,
      tenant.merchantId,
      tenant.mode,
    ]);
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'not_found', `no invoice ${id}`);
    return row;
  }
}
