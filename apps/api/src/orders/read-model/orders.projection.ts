import { orderDecider, type ExistingOrder, type OrderEvent, type OrderState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { orderIdOfStream } from '../order-stream.js';
import { describeOrderEvent } from './describe-order-event.js';
import { orderAmounts, toOrderResource } from './order-resource.js';


interface Folded {
  state: ExistingOrder;
  revision: bigint;
  /** Log position of the order's first fact (0 when the row already exists). */
  seq: bigint;
  merchantId: string;
  mode: string;
}

/**
 * Orders and their timelines. The row keeps the folded domain state and the stream revision it
 * last applied: an event at or below that revision is a replay and changes nothing. Amounts are
 * recomputed by the domain's totals engine, so the read model can never disagree with the rules.
 * Within a batch, an order is folded in memory and its row written once at the end.
 */
export class OrdersProjection implements Projection {
  readonly name = 'orders';
  // 2: the folded state gained invoices and manual_payments; 3: invoices count what they collected; 4: reopened (balance reopened after closing); 5: manual_refunds; 6: reduced (releases taken off what is owed), refunds in parts; 7: origin, subscription_id and billing_cycle in the resource.
  readonly version = 7;
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
  private readonly batch = new Map<string, Folded>();
  private readonly written = new Map<string, Folded>();

  constructor(eventTypes: readonly string[]) {
    this.handles = new Set(eventTypes);
  }

  private static readonly UPSERT = `INSERT INTO orders (id, merchant_id, mode, seq, status, payment_status, refund_status, currency, customer_id,
          total, outstanding, created_at, updated_at, revision, state, resource)
        VALUES (@id, @merchant_id, @mode, @seq, @status, @payment_status, @refund_status, @currency, @customer_id,
          @total, @outstanding, @created_at, @updated_at, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, payment_status = excluded.payment_status,
          refund_status = excluded.refund_status, customer_id = excluded.customer_id, total = excluded.total,
          outstanding = excluded.outstanding, updated_at = excluded.updated_at, revision = excluded.revision,
          state = excluded.state, resource = excluded.resource`;

  private static readonly TIMELINE = `INSERT INTO order_timeline (position, order_id, merchant_id, mode, revision, type, occurred_at, summary, amounts, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

  beginBatch(): void {
    this.batch.clear();
    this.written.clear();
  }

  /**
   * The order as this batch just wrote it (same transaction), so projections that copy parts of
   * orders (registered after this one) need not read and parse the row again; undefined when this
   * batch did not write it (then the row is current).
   */
  foldedInThisBatch(orderId: string): { state: ExistingOrder; revision: bigint; merchantId: string; mode: string } | undefined {
    return this.written.get(orderId);
  }

  *apply(recorded: RecordedEvent): SqlJob<void> {
    const orderId = orderIdOfStream(recorded.streamName);
    if (orderId === undefined) return;
    const folded = yield* this.load(orderId);
    const applied = folded?.revision ?? -1n;
    if (recorded.revision <= applied) return;
    if (recorded.revision === applied + 1n) {
      yield* this.fold(orderId, folded, recorded);
      return;
    }
    // A gap: the row was rebuilt or rewound elsewhere (another process's rebuild) and is behind
    // this event. Fold the stream again from its first event, so no fact is ever skipped.
    this.batch.delete(orderId);
    let current: Folded | undefined;
    for (const event of yield* readStream(recorded.streamName)) {
      if (event.revision > recorded.revision) break;
      current = yield* this.fold(orderId, current, event);
    }
  }

  private *fold(orderId: string, folded: Folded | undefined, recorded: RecordedEvent): SqlJob<Folded | undefined> {
    const before: OrderState = folded?.state ?? orderDecider.initialState();
    const event = { type: recorded.type, data: recorded.data } as unknown as OrderEvent;
    const after = orderDecider.evolve(before, event);
    if (after.status === 'none') return folded;
    const { merchant_id, mode, request_id } = recorded.metadata;
    const next: Folded = { state: after, revision: recorded.revision, seq: folded ? folded.seq : recorded.position, merchantId: merchant_id, mode };
    this.batch.set(orderId, next);
    yield* run(OrdersProjection.TIMELINE, [
      recorded.position,
      after.id,
      merchant_id,
      mode,
      recorded.revision,
      recorded.type,
      (recorded.data as { occurred_at?: string }).occurred_at ?? recorded.recordedAt,
      describeOrderEvent(event, before),
      JSON.stringify(orderAmounts(after)),
      request_id ?? null,
    ]);
    return next;
  }

  *endBatch(): SqlJob<void> {
    for (const folded of this.batch.values()) {
      const resource = toOrderResource(folded.state, folded.revision);
      yield* run(OrdersProjection.UPSERT, {
        id: folded.state.id,
        merchant_id: folded.merchantId,
        mode: folded.mode,
        seq: folded.seq,
        status: resource.status,
        payment_status: resource.payment_status,
        refund_status: resource.refund_status,
        currency: folded.state.currency,
        customer_id: folded.state.customer_id,
        total: resource.amounts.total_money.amount,
        outstanding: resource.amounts.outstanding_money.amount,
        created_at: folded.state.created_at,
        updated_at: folded.state.updated_at,
        revision: folded.revision,
        state: JSON.stringify(folded.state),
        resource: JSON.stringify(resource),
      });
      this.written.set(folded.state.id, folded);
    }
    this.batch.clear();
  }

  private *load(orderId: string): SqlJob<Folded | undefined> {
    const cached = this.batch.get(orderId);
    if (cached) return cached;
    const row = yield* first<{ revision: number; state: string; merchant_id: string; mode: string }>('SELECT revision, state, merchant_id, mode FROM orders WHERE id = ?', [orderId]);
    if (!row) return undefined;
    return { state: JSON.parse(row.state) as ExistingOrder, revision: BigInt(row.revision), seq: 0n, merchantId: row.merchant_id, mode: row.mode };
  }
}
