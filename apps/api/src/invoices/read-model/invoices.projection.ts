import { ORDER_EVENT_TYPES, invoiceStatus, type ExistingOrder } from '#ordo/domain';
import { run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { OrderCopyProjection, type OrderRow } from '../../orders/read-model/order-copy-projection.js';
import { toInvoiceResource } from './invoice-resource.js';

/**
 * `invoices`: one row per invoice, copied from the orders row (OrderCopyProjection: registered
 * after OrdersProjection). An invoice's status and remaining amount follow its order's balance
 * and a draft shows the order's current lines, so every order fact rewrites the order's invoice rows. Rows never go back in revision. The columns feed the list
 * filters, receivables (amount_remaining, due_at, customer) and the scheduler (next_check_at).
 */
export class InvoicesProjection extends OrderCopyProjection {
  readonly name = 'invoices';
  // 2: every order event (a draft shows the order's current lines and amounts); collected-based status; 3: no pay link until the hosted page, drafts show what is owed as remaining.
  readonly version = 3;
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS invoices (
       id TEXT PRIMARY KEY, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, customer_id TEXT NOT NULL,
       number TEXT, pay_token TEXT, status TEXT NOT NULL, currency TEXT NOT NULL,
       amount_due INTEGER NOT NULL, amount_paid INTEGER NOT NULL, amount_remaining INTEGER NOT NULL,
       due_at TEXT, overdue INTEGER NOT NULL, reminders INTEGER NOT NULL, last_reminder_kind TEXT,
       issued_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, revision INTEGER NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS invoices_by_tenant ON invoices (merchant_id, mode, created_at DESC, id DESC)',
    'CREATE INDEX IF NOT EXISTS invoices_by_customer ON invoices (merchant_id, mode, customer_id, status)',
    "CREATE INDEX IF NOT EXISTS invoices_open_by_due ON invoices (due_at) WHERE status IN ('open', 'partially_paid')",
    'CREATE UNIQUE INDEX IF NOT EXISTS invoices_by_pay_token ON invoices (pay_token) WHERE pay_token IS NOT NULL',
  ];
  readonly tables = ['invoices'];
  readonly handles: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);
  private static readonly UPSERT = `INSERT INTO invoices (id, order_id, merchant_id, mode, customer_id, number, pay_token, status, currency,
          amount_due, amount_paid, amount_remaining, due_at, overdue, reminders, last_reminder_kind, issued_at, created_at, updated_at, revision, resource)
        VALUES (@id, @order_id, @merchant_id, @mode, @customer_id, @number, @pay_token, @status, @currency,
          @amount_due, @amount_paid, @amount_remaining, @due_at, @overdue, @reminders, @last_reminder_kind, @issued_at, @created_at, @updated_at, @revision, @resource)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number, pay_token = excluded.pay_token,
          status = excluded.status, amount_due = excluded.amount_due, amount_paid = excluded.amount_paid, amount_remaining = excluded.amount_remaining,
          due_at = excluded.due_at, overdue = excluded.overdue, reminders = excluded.reminders, last_reminder_kind = excluded.last_reminder_kind,
          issued_at = excluded.issued_at, updated_at = excluded.updated_at, revision = excluded.revision, resource = excluded.resource
        WHERE excluded.revision > invoices.revision`;

  protected *write(order: ExistingOrder, row: OrderRow): SqlJob<void> {
    for (const invoice of order.invoices) {
      const resource = toInvoiceResource(order, invoice);
      yield* run(InvoicesProjection.UPSERT, {
        id: invoice.id,
        order_id: order.id,
        merchant_id: row.merchant_id,
        mode: row.mode,
        customer_id: invoice.customer_id,
        number: invoice.number,
        pay_token: invoice.pay_token,
        status: invoiceStatus(invoice, order),
        currency: order.currency,
        amount_due: resource.amount_due_money.amount,
        amount_paid: resource.amount_paid_money.amount,
        amount_remaining: resource.amount_remaining_money.amount,
        due_at: invoice.due_at,
        overdue: resource.overdue ? 1 : 0,
        reminders: invoice.reminders.length,
        last_reminder_kind: invoice.reminders.at(-1)?.kind ?? null,
        issued_at: invoice.issued_at,
        created_at: invoice.created_at,
        updated_at: invoice.updated_at,
        revision: row.revision,
        resource: JSON.stringify(resource),
      });
    }
  }
}
