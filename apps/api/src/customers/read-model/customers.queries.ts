import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { customerError } from '#ordo/domain';
import { isCardExpired } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { SqlValue } from '../../persistence/sql/sql-job.js';
import { ApiError } from '../../platform/api-error.js';
import { Page } from '../../platform/envelope.interceptor.js';
import { decodePageToken, encodePageToken } from '../../platform/pagination.js';
import type { RequestContext } from '../../platform/request-context.js';
import { sqliteQueryBuilder } from '../../platform/sql.js';
import type { CustomerResource, PaymentMethodResource } from './customer-resource.js';
import { ReceivablesQueries } from './receivables.queries.js';

interface CustomersTable {
  id: string;
  merchant_id: string;
  mode: string;
  seq: number;
  name_lower: string | null;
  email_lower: string | null;
  resource: string;
}

interface PaymentMethodsTable {
  id: string;
  customer_id: string;
  merchant_id: string;
  mode: string;
  saved_seq: number;
  removed: number;
  resource: string;
}

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;

export interface CustomerFilters {
  /** Exact address, compared without regard to case. */
  email?: string;
  /** Part of the name, without regard to case. */
  name?: string;
  page_size: number;
  page_token?: string;
}

/** Expiry is a matter of when you ask: the row says active or removed, the query adds expired. */
function withStatusAt(method: PaymentMethodResource, now: Date): PaymentMethodResource {
  return method.status === 'active' && isCardExpired(method.card, now.toISOString()) ? { ...method, status: 'expired' } : method;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Customers and their saved methods, scoped to the caller's merchant and mode (another's is 404). */
@Injectable()
export class CustomersQueries {
  private readonly sql: Kysely<{ customers: CustomersTable; customer_payment_methods: PaymentMethodsTable }> = sqliteQueryBuilder();

  constructor(
    @Inject(READ_DB) private readonly db: ReadDb,
    private readonly receivables: ReceivablesQueries,
  ) {}

  private async withSummary(resource: CustomerResource, tenant: Tenant, now: Date) {
    const owed = await this.receivables.customer(tenant, resource.id, now);
    const method = resource.default_payment_method;
    return {
      ...resource,
      default_payment_method: method ? withStatusAt(method, now) : null,
      receivables: { open_invoices: owed.open_invoices.length, by_currency: owed.by_currency },
    };
  }

  async get(tenant: Tenant, id: string, now: Date) {
    const compiled = this.sql.selectFrom('customers').select('resource').where('id', '=', id).where('merchant_id', '=', tenant.merchantId).where('mode', '=', tenant.mode).compile();
    const row = await this.db.first<{ resource: string }>(compiled.sql, compiled.parameters as SqlValue[]);
    if (!row) throw customerError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    return this.withSummary(JSON.parse(row.resource) as CustomerResource, tenant, now);
  }

  /** Newest first, cursor-paginated. */
  async list(tenant: Tenant, f: CustomerFilters, now: Date) {
    let q = this.sql.selectFrom('customers').select(['seq', 'resource']).where('merchant_id', '=', tenant.merchantId).where('mode', '=', tenant.mode);
    if (f.email !== undefined) q = q.where('email_lower', '=', f.email.trim().toLowerCase());
    if (f.name !== undefined) q = q.where(sql<SqlBool>`name_lower LIKE ${`%${escapeLike(f.name.trim().toLowerCase())}%`} ESCAPE '\\'`);
    if (f.page_token) {
      const [seq] = decodePageToken(f.page_token, 1);
      if (typeof seq !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
      q = q.where('seq', '<', seq);
    }
    const compiled = q.orderBy('seq', 'desc').limit(f.page_size + 1).compile();
    const rows = await this.db.all<{ seq: number; resource: string }>(compiled.sql, compiled.parameters as SqlValue[]);
    const page = rows.slice(0, f.page_size);
    const last = page[page.length - 1];
    return new Page(
      await Promise.all(page.map((r) => this.withSummary(JSON.parse(r.resource) as CustomerResource, tenant, now))),
      rows.length > f.page_size && last ? encodePageToken([last.seq]) : null,
    );
  }

  /** Oldest first; removed ones only when asked for. */
  async paymentMethods(tenant: Tenant, customerId: string, now: Date, includeRemoved = false): Promise<PaymentMethodResource[]> {
    await this.get(tenant, customerId, now);
    let q = this.sql
      .selectFrom('customer_payment_methods')
      .select('resource')
      .where('customer_id', '=', customerId)
      .where('merchant_id', '=', tenant.merchantId)
      .where('mode', '=', tenant.mode);
    if (!includeRemoved) q = q.where('removed', '=', 0);
    const compiled = q.orderBy('saved_seq', 'asc').compile();
    const rows = await this.db.all<{ resource: string }>(compiled.sql, compiled.parameters as SqlValue[]);
    return rows.map((r) => withStatusAt(JSON.parse(r.resource) as PaymentMethodResource, now));
  }

  async paymentMethod(tenant: Tenant, customerId: string, id: string, now: Date): Promise<PaymentMethodResource> {
    const method = (await this.paymentMethods(tenant, customerId, now, true)).find((pm) => pm.id === id);
    if (!method) throw customerError('PAYMENT_METHOD_NOT_FOUND', `customer ${customerId} has no payment method ${id}`);
    return method;
  }
}
