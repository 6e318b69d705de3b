import type { ExistingOrder } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, type SqlJob } from '../../persistence/sql/sql-job.js';
import { orderIdOfStream } from '../order-stream.js';
import type { OrdersProjection } from './orders.projection.js';

/** The orders row a copying projection reads: tenant, the revision it reflects, the folded order. */
export interface OrderRow {
  merchant_id: string;
  mode: string;
  revision: bigint;
  /**
   * When the last event of this batch for the order was appended (the store's real clock). Set
   * when the batch touched the order; jobs that wait real time (the recovery grace) read it, since
   * a test clock's customer has events dated at the clock's time.
   */
  recorded_at?: string;
}

/**
 * A read model of parts of an order (intents, refunds, invoices) copied from the `orders` row
 * rather than folded a second time. It MUST be registered after OrdersProjection, whose batch
 * (same transaction) has already written that row. At the end of a batch every touched order's
 * parts are written once; subclasses write with `WHERE excluded.revision > revision`, so rows
 * never go back and replays change nothing.
 */
export abstract class OrderCopyProjection implements Projection {
  abstract readonly name: string;
  abstract readonly schema: readonly string[];
  abstract readonly tables: readonly string[];
  abstract readonly handles: ReadonlySet<string>;
  private readonly touched = new Map<string, string>();

  /** `orders`: the OrdersProjection registered before this one, whose batch hands over the folded orders. */
  constructor(private readonly orders?: Pick<OrdersProjection, 'foldedInThisBatch'>) {}

  beginBatch(): void {
    this.touched.clear();
  }

  // eslint-disable-next-line require-yield
  *apply(recorded: RecordedEvent): SqlJob<void> {
    const orderId = orderIdOfStream(recorded.streamName);
    if (orderId !== undefined) this.touched.set(orderId, recorded.recordedAt);
  }

  *endBatch(): SqlJob<void> {
    for (const [orderId, recorded_at] of this.touched) {
      const fresh = this.orders?.foldedInThisBatch(orderId);
      if (fresh) {
        yield* this.write(fresh.state, { merchant_id: fresh.merchantId, mode: fresh.mode, revision: fresh.revision, recorded_at });
        continue;
      }
      const row = yield* first<{ merchant_id: string; mode: string; revision: number; state: string }>('SELECT merchant_id, mode, revision, state FROM orders WHERE id = ?', [orderId]);
      if (row) yield* this.write(JSON.parse(row.state) as ExistingOrder, { merchant_id: row.merchant_id, mode: row.mode, revision: BigInt(row.revision), recorded_at });
    }
    this.touched.clear();
  }

  protected abstract write(order: ExistingOrder, row: OrderRow): SqlJob<void>;
}
