import { ORDER_EVENT_TYPES, type ExistingOrder } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import { run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { OrderCopyProjection, type OrderRow } from '../../orders/read-model/order-copy-projection.js';
import { toCheckoutSessionResource } from './checkout-session-resource.js';

/**
 * `checkout_sessions`: one row per session, copied from the orders row (registered after
 * OrdersProjection). Every order fact rewrites the order's session rows, since an open session's
 * amount due follows the order. `pay_token` finds the session behind a hosted page; the partial
 * index on open sessions feeds the expiry job. `seq`, the list order, is the log position of the
 * session's CheckoutSessionOpened, so a rebuild (in place or by replay) numbers rows as before.
 */
export class CheckoutSessionsProjection extends OrderCopyProjection {
  readonly name = 'checkout_sessions';
  // 2: seq is the opening event's position (was SQLite's AUTOINCREMENT, which a rebuild did not restart).
  readonly version = 2;
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS checkout_sessions (
       seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       pay_token TEXT NOT NULL UNIQUE, status TEXT NOT NULL, expires_at TEXT NOT NULL, payment_link_id TEXT, customer_id TEXT,
       revision INTEGER NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS checkout_sessions_by_order ON checkout_sessions (order_id)',
    "CREATE INDEX IF NOT EXISTS checkout_sessions_open_by_expiry ON checkout_sessions (expires_at) WHERE status = 'open'",
  ];
  readonly tables = ['checkout_sessions'];
  readonly handles: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);
  private readonly openedAt = new Map<string, bigint>();

  private static readonly UPSERT = `INSERT INTO checkout_sessions (seq, id, order_id, merchant_id, mode, pay_token, status, expires_at, payment_link_id, customer_id, revision, resource)
        VALUES (@seq, @id, @order_id, @merchant_id, @mode, @pay_token, @status, @expires_at, @payment_link_id, @customer_id, @revision, @resource)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, customer_id = excluded.customer_id, revision = excluded.revision, resource = excluded.resource
        WHERE excluded.revision > checkout_sessions.revision`;

  override beginBatch(): void {
    super.beginBatch();
    this.openedAt.clear();
  }

  override *apply(recorded: RecordedEvent): SqlJob<void> {
    yield* super.apply(recorded);
    if (recorded.type === 'CheckoutSessionOpened') this.openedAt.set(recorded.data.checkout_session_id as string, recorded.position);
  }

  protected *write(order: ExistingOrder, row: OrderRow): SqlJob<void> {
    for (const session of order.checkout_sessions) {
      // A row this batch did not open exists already (its seq is never updated): 0 is never written.
      yield* run(CheckoutSessionsProjection.UPSERT, {
        seq: this.openedAt.get(session.id) ?? 0,
        id: session.id,
        order_id: order.id,
        merchant_id: row.merchant_id,
        mode: row.mode,
        pay_token: session.pay_token,
        status: session.status,
        expires_at: session.expires_at,
        payment_link_id: session.payment_link_id,
        customer_id: order.customer_id,
        revision: row.revision,
        resource: JSON.stringify(toCheckoutSessionResource(order, session)),
      });
    }
  }
}
