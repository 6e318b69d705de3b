import type { Database, Statement } from 'better-sqlite3';
import { orderDecider, type OrderEvent, type OrderState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { describeOrderEvent } from './describe-order-event.js';
import { toOrderResource } from './order-resource.js';

export const ORDER_STREAM_PREFIX = 'order-';

/**
 * Orders and their timelines. The row keeps the folded domain state and the stream revision it
 * last applied: an event at or below that revision is a replay and changes nothing. Amounts are
 * recomputed by the domain's totals engine, so the read model can never disagree with the rules.
 */
export class OrdersProjection implements Projection {
  readonly name = 'orders';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS orders (
       id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL,
       status TEXT NOT NULL, payment_status TEXT NOT NULL, refund_status TEXT NOT NULL,
       currency TEXT NOT NULL, customer_id TEXT, total INTEGER NOT NULL, outstanding INTEGER NOT NULL,
       created_at TEXT NOT NULL, updated_at TEXT NOT NULL, revision INTEGER NOT NULL,
       state TEXT NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS orders_by_tenant_seq ON orders (merchant_id, mode, seq DESC)',
    'CREATE INDEX IF NOT EXISTS orders_by_customer ON orders (merchant_id, mode, customer_id, seq DESC)',
    `CREATE TABLE IF NOT EXISTS order_timeline (
       position INTEGER PRIMARY KEY, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       revision INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL, summary TEXT NOT NULL,
       amounts TEXT NOT NULL, request_id TEXT)`,
    'CREATE INDEX IF NOT EXISTS order_timeline_by_order ON order_timeline (order_id, position)',
  ];
  readonly tables = ['orders', 'order_timeline'];
  readonly handles: ReadonlySet<string>;
  private statements!: Record<'find' | 'upsert' | 'timeline', Statement>;

  constructor(eventTypes: readonly string[]) {
    this.handles = new Set(eventTypes);
  }

  prepare(db: Database): void {
    this.statements = {
      find: db.prepare('SELECT revision, state FROM orders WHERE id = ?').safeIntegers(true),
      upsert: db.prepare(`INSERT INTO orders (id, merchant_id, mode, seq, status, payment_status, refund_status, currency, customer_id,
          total, outstanding, created_at, updated_at, revision, state, resource)
        VALUES (@id, @merchant_id, @mode, @seq, @status, @payment_status, @refund_status, @currency, @customer_id,
          @total, @outstanding, @created_at, @updated_at, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, payment_status = excluded.payment_status,
          refund_status = excluded.refund_status, customer_id = excluded.customer_id, total = excluded.total,
          outstanding = excluded.outstanding, updated_at = excluded.updated_at, revision = excluded.revision,
          state = excluded.state, resource = excluded.resource`),
      timeline: db.prepare(`INSERT OR IGNORE INTO order_timeline (position, order_id, merchant_id, mode, revision, type, occurred_at, summary, amounts, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  apply(recorded: RecordedEvent): void {
    if (!recorded.streamName.startsWith(ORDER_STREAM_PREFIX)) return;
    const orderId = recorded.streamName.slice(ORDER_STREAM_PREFIX.length);
    const row = this.statements.find.get(orderId) as { revision: bigint; state: string } | undefined;
    if (row && row.revision >= recorded.revision) return;
    const before: OrderState = row ? (JSON.parse(row.state) as OrderState) : orderDecider.initialState();
    const event = { type: recorded.type, data: recorded.data } as unknown as OrderEvent;
    const after = orderDecider.evolve(before, event);
    if (after.status === 'none') return;

    const resource = toOrderResource(after, recorded.revision);
    const { merchant_id, mode, request_id } = recorded.metadata;
    this.statements.upsert.run({
      id: after.id,
      merchant_id,
      mode,
      // The log position of the order's first fact: a creation order that never ties.
      seq: row ? 0n : recorded.position,
      status: resource.status,
      payment_status: resource.payment_status,
      refund_status: resource.refund_status,
      currency: after.currency,
      customer_id: after.customer_id,
      total: resource.amounts.total_money.amount,
      outstanding: resource.amounts.outstanding_money.amount,
      created_at: after.created_at,
      updated_at: after.updated_at,
      revision: recorded.revision,
      state: JSON.stringify(after),
      resource: JSON.stringify(resource),
    });
    this.statements.timeline.run(
      recorded.position,
      after.id,
      merchant_id,
      mode,
      recorded.revision,
      recorded.type,
      (recorded.data as { occurred_at?: string }).occurred_at ?? recorded.recordedAt,
      describeOrderEvent(event, before),
      JSON.stringify(resource.amounts),
      request_id ?? null,
    );
  }
}
