import { ORDER_EVENT_TYPES, type ExistingOrder, type PaymentIntent } from '#ordo/domain';
import { run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { OrderCopyProjection, type OrderRow } from '../../orders/read-model/order-copy-projection.js';
import { toPaymentIntentResource, toRefundResource } from './payment-resources.js';

/**
 * `payment_intents` and `refunds`: the id → order look-up, list filters and the resources.
 * Intents and refunds live inside the order, so rather than fold the order a second time this
 * projection copies them from the orders row — it MUST be registered after OrdersProjection,
 * whose batch (same transaction) has already written that row. Rows remember the order revision
 * they were copied from and never go back, so replays and rebuilds change nothing.
 * `pending_key` / `pending_since` feed the recovery job, `expires_at` the expiry job.
 */
export class PaymentsProjection extends OrderCopyProjection {
  readonly name = 'payments';
  // 2: customer_id columns; 3: every order event (rows carry the order's latest revision, live and on rebuild alike);
  // 4: refunds in parts (refund_payments; payment_intent_id only for a one-payment refund).
  readonly version = 4;
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS payment_intents (
       id TEXT PRIMARY KEY, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, customer_id TEXT,
       status TEXT NOT NULL, amount INTEGER, captured INTEGER NOT NULL, refunded INTEGER NOT NULL,
       pending_key TEXT, pending_since TEXT, expires_at TEXT, created_at TEXT NOT NULL, revision INTEGER NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS payment_intents_by_tenant ON payment_intents (merchant_id, mode, created_at DESC, id DESC)',
    'CREATE INDEX IF NOT EXISTS payment_intents_pending ON payment_intents (pending_since) WHERE pending_key IS NOT NULL',
    "CREATE INDEX IF NOT EXISTS payment_intents_holds ON payment_intents (expires_at) WHERE status = 'requires_capture'",
    `CREATE TABLE IF NOT EXISTS refunds (
       id TEXT PRIMARY KEY, order_id TEXT NOT NULL, payment_intent_id TEXT, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, customer_id TEXT,
       status TEXT NOT NULL, amount INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
       revision INTEGER NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS refunds_by_tenant ON refunds (merchant_id, mode, created_at DESC, id DESC)',
    // Which payments a refund takes money from (one row per part), for ?payment_intent_id= on lists.
    `CREATE TABLE IF NOT EXISTS refund_payments (refund_id TEXT NOT NULL, payment_intent_id TEXT NOT NULL, PRIMARY KEY (refund_id, payment_intent_id))`,
    'CREATE INDEX IF NOT EXISTS refund_payments_by_intent ON refund_payments (payment_intent_id)',
  ];
  readonly tables = ['payment_intents', 'refunds', 'refund_payments'];
  // Every order event, not only payment facts: a row's revision must not depend on how events
  // were batched (a rebuild batches many), and the order's customer is its intents' default.
  readonly handles: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);
  private static readonly INTENT = `INSERT INTO payment_intents (id, order_id, merchant_id, mode, customer_id, status, amount, captured, refunded, pending_key, pending_since, expires_at, created_at, revision, resource)
        VALUES (@id, @order_id, @merchant_id, @mode, @customer_id, @status, @amount, @captured, @refunded, @pending_key, @pending_since, @expires_at, @created_at, @revision, @resource)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status, amount = excluded.amount, captured = excluded.captured, refunded = excluded.refunded,
          pending_key = excluded.pending_key, pending_since = excluded.pending_since, expires_at = excluded.expires_at, revision = excluded.revision, resource = excluded.resource
        WHERE excluded.revision > payment_intents.revision`;
  private static readonly REFUND = `INSERT INTO refunds (id, order_id, payment_intent_id, merchant_id, mode, customer_id, status, amount, created_at, updated_at, revision, resource)
        VALUES (@id, @order_id, @payment_intent_id, @merchant_id, @mode, @customer_id, @status, @amount, @created_at, @updated_at, @revision, @resource)
        ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status, updated_at = excluded.updated_at, revision = excluded.revision, resource = excluded.resource
        WHERE excluded.revision > refunds.revision`;
  // A refund's parts are fixed when it is requested: inserting them again changes nothing.
  private static readonly REFUND_PAYMENT = 'INSERT INTO refund_payments (refund_id, payment_intent_id) VALUES (?, ?) ON CONFLICT DO NOTHING';

  protected *write(order: ExistingOrder, row: OrderRow): SqlJob<void> {
    const tenant = { order_id: order.id, merchant_id: row.merchant_id, mode: row.mode, revision: row.revision };
    const customerOf = (intent: PaymentIntent | undefined) => intent?.customer_id ?? order.customer_id;
    for (const intent of order.payment_intents) {
      yield* run(PaymentsProjection.INTENT, {
        ...tenant,
        customer_id: customerOf(intent),
        id: intent.id,
        status: intent.status,
        amount: intent.amount,
        captured: intent.captured,
        refunded: intent.refunded,
        pending_key: intent.pending?.attempt_key ?? null,
        // Real time (the append), not the event's date: a test clock's attempt is dated in its future.
        pending_since: intent.pending ? (row.recorded_at ?? intent.updated_at) : null,
        expires_at: intent.expires_at,
        created_at: intent.created_at,
        resource: JSON.stringify(toPaymentIntentResource(order, intent)),
      });
    }
    for (const refund of order.refunds) {
      const resource = toRefundResource(order, refund);
      yield* run(PaymentsProjection.REFUND, {
        ...tenant,
        customer_id: customerOf(order.payment_intents.find((pi) => pi.id === refund.parts[0]?.payment_intent_id)),
        id: refund.id,
        payment_intent_id: resource.payment_intent_id,
        status: refund.status,
        amount: refund.amount,
        created_at: refund.created_at,
        updated_at: refund.updated_at,
        resource: JSON.stringify(resource),
      });
      for (const part of refund.parts) yield* run(PaymentsProjection.REFUND_PAYMENT, [refund.id, part.payment_intent_id]);
    }
  }
}
