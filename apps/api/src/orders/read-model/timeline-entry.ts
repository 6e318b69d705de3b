import { sql, type RawBuilder } from 'kysely';
import type { Money } from '#ordo/domain';

/** The `order_timeline` table (written by OrdersProjection). */
export interface TimelineTable {
  position: number;
  order_id: string;
  merchant_id: string;
  mode: string;
  revision: number;
  type: string;
  occurred_at: string;
  summary: string;
  /** JSON: the order's money figures after the fact. */
  amounts: string;
  request_id: string | null;
}

/** What a timeline query selects for each entry. */
export interface TimelineRow {
  position: number;
  order_id: string;
  sequence: number;
  type: string;
  occurred_at: string;
  summary: string;
  amounts: string;
  request_id: string | null;
}

/**
 * An entry's number in its order's whole timeline (1 = the first fact), so it stays the same
 * whatever filter or page the entry is read through.
 */
export function timelineSequence(table = 'order_timeline'): RawBuilder<number> {
  return sql<number>`(SELECT COUNT(*) FROM order_timeline AS earlier WHERE earlier.order_id = ${sql.ref(`${table}.order_id`)} AND earlier.position <= ${sql.ref(`${table}.position`)})`;
}

/** One timeline entry as the API shows it (the order's and the customer's timelines alike). */
export function toTimelineEntry(row: TimelineRow) {
  return {
    sequence: row.sequence,
    type: row.type,
    occurred_at: row.occurred_at,
    summary: row.summary,
    amounts_after: JSON.parse(row.amounts) as Record<string, Money>,
    request_id: row.request_id,
  };
}

export type TimelineEntry = ReturnType<typeof toTimelineEntry>;
