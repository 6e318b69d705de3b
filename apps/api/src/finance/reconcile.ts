import type { Database } from 'better-sqlite3';
import { orderDecider, type OrderEvent, type OrderState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
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
  differences: Difference[];
}

const TABLES = { order: 'orders', invoice: 'invoices', payment_intent: 'payment_intents', refund: 'refunds' } as const;

/**
 * Recomputes every order from its events — amounts, statuses, its invoices (status, amounts
 * due/paid/remaining, hence customer receivables, which are summed from them at read time), its
 * payment intents and refunds — and compares each with the row the read models hold, field by
 * field. Rows a read model has that the log does not explain are differences too.
 */
export function reconcile(db: Database, readStream: (streamName: string) => RecordedEvent[], onProgress: (done: number, total: number) => void = () => undefined): ReconcileReport {
  const streams = db.prepare(`SELECT DISTINCT stream_name FROM events WHERE stream_name LIKE ? ORDER BY stream_name`).pluck().all(`${ORDER_STREAM_PREFIX}%`) as string[];
  const rows = new Map<string, Map<string, { merchant_id: string; mode: string; resource: string }>>();
  for (const [kind, table] of Object.entries(TABLES)) {
    const all = db.prepare(`SELECT id, merchant_id, mode, resource FROM ${table}`).all() as { id: string; merchant_id: string; mode: string; resource: string }[];
    rows.set(kind, new Map(all.map((r) => [r.id, r])));
  }
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
  streams.forEach((stream, i) => {
    const events = readStream(stream);
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
  });
  for (const [kind, left] of rows) {
    for (const [id, row] of left) differences.push({ kind: kind as Difference['kind'], id, merchant_id: row.merchant_id, mode: row.mode, field: '(row)', from_log: 'missing', read_model: 'present' });
  }
  return { orders: streams.length, rows_checked: checked, differences };
}

/** RFC 4180 CSV of the differences (header row first). */
export function differencesCsv(differences: readonly Difference[]): string {
  const columns: (keyof Difference)[] = ['kind', 'id', 'merchant_id', 'mode', 'field', 'from_log', 'read_model'];
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...differences.map((d) => columns.map((c) => cell(d[c])).join(','))].join('\n') + '\n';
}
