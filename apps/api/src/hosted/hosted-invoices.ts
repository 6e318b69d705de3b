import { Inject, Injectable } from '@nestjs/common';
import { READ_DB, type ReadDb } from '../persistence/read-db.js';

export interface InvoiceOwner {
  id: string;
  order_id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  customer_name: string | null;
}

/** Finds the invoice behind a hosted invoice page's token (issued invoices only have one). */
@Injectable()
export class HostedInvoices {
  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  async byToken(token: string): Promise<InvoiceOwner | undefined> {
    // The customer's resource is parsed here rather than with a JSON function: those differ by engine.
    const row = await this.db.first<Omit<InvoiceOwner, 'customer_name'> & { customer: string | null }>(
      `SELECT i.id, i.order_id, i.merchant_id, i.mode, c.resource AS customer
         FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id AND c.merchant_id = i.merchant_id AND c.mode = i.mode
        WHERE i.pay_token = ?`,
      [token],
    );
    if (!row) return undefined;
    const { customer, ...owner } = row;
    return { ...owner, customer_name: customer ? ((JSON.parse(customer) as { name?: string | null }).name ?? null) : null };
  }
}
