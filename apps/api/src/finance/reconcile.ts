import { orderDecider, type OrderEvent, type OrderState } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import type { ReadDb } from '../persistence/read-db.js';
import { toInvoiceResource } from '../invoices/read-model/invoice-resource.js';
import { ORDER_STREAM_PREFIX } from '../orders/order-stream.js';
import { toOrderResource } from '../orders/read-model/order-resource.js';
import { toPaymentIntentResource, toRefundResource } from '../payments/read-model/payment-resources.js';

/** One disagreement between what the log says and what a read model holds. */
export interface Difference {
  kind: 'order' | 'invoice' | 'payment_intent' | 'refund';
  id: string;
  merchant_id: string;
  mode: string;
  /** The top-level field that differs, or `(row)` when the row is missing on one side. */
  field: string;
  from_log: string;
  read_model: string;
}

export interface ReconcileReport {
  orders: number;
  rows_checked: number;
  /** The log position the read models and the log were compared at. */
  position: number;
  differences: Difference[];
}

const TABLES = { order: 'orders', invoice: 'invoices', payment_intent: 'payment_intents', refund: 'refunds' } as const;

/** How many times the rows are read again when the projector committed while they were read. */
const SNAPSHOT_ATTEMPTS = 10;
const PAGE = 1000;

/**
 * Recomputes every order from its events — amounts, statuses, its invoices (status, amounts
 * due/paid/remaining, hence customer receivables, which are summed from them at read time), its
 * payment intents and refunds — and compares each with the row the read models hold, field by
 * field. Rows a read model has that the log does not explain are differences too.
 *
 * Safe while the service runs: the rows are read between two identical readings of the
 * projections' lowest checkpoint (a batch commits rows and checkpoints together, so an unchanged
 * checkpoint means no batch landed meanwhile), and the log is folded up to that checkpoint only.
 * Works on either engine: the rows through ReadDb, the log through the event store port.
 */
export async function reconcile(reads: ReadDb, store: EventStore, onProgress: (done: number, total: number) => void = () => undefined): Promise<ReconcileReport> {
  const { upTo, rows } = await snapshot(reads);
  const streams = await orderStreams(store, upTo);
  const differences: Difference[] = [];
  let checked = 0;
  const compare = (kind: Difference['kind'], id: string, owner: { merchant_id: string; mode: string }, expected: unknown) => {
    const stored = rows.get(kind)!.get(id);
    rows.get(kind)!.delete(id);
    checked++;
    if (!stored) return void differences.push({ kind, id, ...owner, field: '(row)', from_log: 'present', read_model: 'missing' });
    const actual = JSON.parse(stored.resource) as Record<string, unknown>;
    const wanted = JSON.parse(JSON.stringify(expected)) as Record<string, unknown>;
    for (const field of new Set([...Object.keys(wanted), ...Object.keys(actual)])) {
      const a = JSON.stringify(wanted[field] ?? null);
      const b = JSON.stringify(actual[field] ?? null);
      if (a !== b) differences.push({ kind, id, ...owner, field, from_log: a, read_model: b });
    }
  };
  for (const [i, stream] of streams.entries()) {
    const events = (await store.readStream(stream)).filter((e) => e.position <= upTo);
    let state: OrderState = orderDecider.initialState();
    for (const e of events) state = orderDecider.evolve(state, { type: e.type, data: e.data } as OrderEvent);
    const last = events.at(-1);
    if (state.status !== 'none' && last) {
      const owner = { merchant_id: events[0]!.metadata.merchant_id, mode: events[0]!.metadata.mode };
      compare('order', state.id, owner, toOrderResource(state, last.revision));
      for (const invoice of state.invoices) compare('invoice', invoice.id, owner, toInvoiceResource(state, invoice));
      for (const intent of state.payment_intents) compare('payment_intent', intent.id, owner, toPaymentIntentResource(state, intent));
      for (const refund of state.refunds) compare('refund', refund.id, owner, toRefundResource(state, refund));
    }
    onProgress(i + 1, streams.length);
  }
  for (const [kind, left] of rows) {
    for (const [id, row] of left) differences.push({ kind: kind as Difference['kind'], id, merchant_id: row.merchant_id, mode: row.mode, field: '(row)', from_log: 'missing', read_model: 'present' });
  }
  return { orders: streams.length, rows_checked: checked, position: Number(upTo), differences };
}

type Row = { id: string; merchant_id: string; mode: string; resource: string };

/** Every compared table's rows, as of one checkpoint. */
async function snapshot(reads: ReadDb): Promise<{ upTo: bigint; rows: Map<string, Map<string, Row>> }> {
  for (let attempt = 1; ; attempt++) {
    const before = await lowestCheckpoint(reads);
    const rows = new Map<string, Map<string, Row>>();
    for (const [kind, table] of Object.entries(TABLES)) {
      const all = await reads.all<Row>(`SELECT id, merchant_id, mode, resource FROM ${table}`);
      rows.set(kind, new Map(all.map((r) => [r.id, r])));
    }
    const after = await lowestCheckpoint(reads);
    if (before === after || attempt >= SNAPSHOT_ATTEMPTS) return { upTo: after < before ? after : before, rows };
  }
}

async function lowestCheckpoint(reads: ReadDb): Promise<bigint> {
  const row = await reads.first<{ low: number | null }>('SELECT MIN(position) AS low FROM projection_checkpoints');
  return BigInt(row?.low ?? 0);
}

/** The order streams begun at or before `upTo`, in the order they were begun. */
async function orderStreams(store: EventStore, upTo: bigint): Promise<string[]> {
  const seen = new Set<string>();
  for (let from = 0n; from < upTo; ) {
    const page = await store.readAll({ fromPosition: from, limit: PAGE });
    if (page.length === 0) break;
    for (const e of page) if (e.position <= upTo && e.streamName.startsWith(ORDER_STREAM_PREFIX)) seen.add(e.streamName);
    from = page[page.length - 1]!.position;
  }
  return [...seen];
}

/** RFC 4180 CSV of the differences (header row first). */
export function differencesCsv(differences: readonly Difference[]): string {
  const columns: (keyof Difference)[] = ['kind', 'id', 'merchant_id', 'mode', 'field', 'from_log', 'read_model'];
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...differences.map((d) => columns.map((c) => cell(d[c])).join(','))].join('\n') + '\n';
}
