import { Inject, Injectable } from '@nestjs/common';
import { SQLITE } from '../persistence/tokens.js';
import type { SqlitePersistence } from '../persistence/sqlite-persistence.js';

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
  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  byToken(token: string): InvoiceOwner | undefined {
    return this.sqlite.db
      .prepare(
        `SELECT i.id, i.order_id, i.merchant_id, i.mode, json_extract(c.resource, '$.name') AS customer_name
           FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id AND c.merchant_id = i.merchant_id AND c.mode = i.mode
          WHERE i.pay_token = ?`,
      )
      .get(token) as InvoiceOwner | undefined;
  }
}
