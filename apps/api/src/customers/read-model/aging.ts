import { sql, type RawBuilder } from 'kysely';
import type { Money } from '#ordo/domain';

/**
 * Aging of receivables. Days past due = whole days (floor) from the invoice's due_at to now;
 * 0 or less is `current` (not yet due, or due less than a day ago). Then 1–30, 31–60, 61–90 and
 * over 90 days. Computed at query time: aging depends on now, so it is never stored.
 */
export const AGING_BUCKETS = ['current', '1_30', '31_60', '61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first day past due of each bucket after `current`. */
const BUCKET_STARTS: readonly [AgingBucket, number][] = [
  ['over_90', 91],
  ['61_90', 61],
  ['31_60', 31],
  ['1_30', 1],
];

/** Whole days past due at `now` (0 when not yet due or due less than a day ago). */
export function daysPastDue(dueAt: string | null, now: Date): number {
  if (dueAt === null) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(dueAt)) / DAY_MS));
}

export function agingBucket(days: number): AgingBucket {
  return BUCKET_STARTS.find(([, start]) => days >= start)?.[0] ?? 'current';
}

/**
 * The same rule in SQL over `invoices.due_at`: "at least N days past due" is "due at or before
 * now − N days", and ISO-8601 UTC instants compare as strings, so the buckets are exact to the ms.
 */
export function agingBucketSql(now: Date, column = 'invoices.due_at'): RawBuilder<AgingBucket> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = sql.ref(column);
  const [over90, d61, d31, d1] = BUCKET_STARTS.map(([, start]) => cutoff(start));
  return sql<AgingBucket>`CASE WHEN ${due} IS NULL OR ${due} > ${d1} THEN 'current'
    WHEN ${due} > ${d31} THEN '1_30' WHEN ${due} > ${d61} THEN '31_60' WHEN ${due} > ${over90} THEN '61_90' ELSE 'over_90' END`;
}

/** What is owed in one currency, split by age (integer minor units). */
export interface AgingFigures {
  currency: string;
  outstanding: number;
  invoices: number;
  buckets: Record<AgingBucket, number>;
}

export function emptyAging(currency: string): AgingFigures {
  return { currency, outstanding: 0, invoices: 0, buckets: { current: 0, '1_30': 0, '31_60': 0, '61_90': 0, over_90: 0 } };
}

export function addToAging(figures: AgingFigures, bucket: AgingBucket, amount: number, invoices: number): void {
  figures.outstanding += amount;
  figures.invoices += invoices;
  figures.buckets[bucket] += amount;
}

/** Per-currency figures, keyed by currency, listed in currency order. */
export class AgingByCurrency {
  private readonly figures = new Map<string, AgingFigures>();

  add(currency: string, bucket: AgingBucket, amount: number, invoices = 1): void {
    let figures = this.figures.get(currency);
    if (!figures) this.figures.set(currency, (figures = emptyAging(currency)));
    addToAging(figures, bucket, amount, invoices);
  }

  list(): AgingFigures[] {
    return [...this.figures.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  }
}

/** The API shape: money objects, buckets in age order. */
export function toAgingResource(figures: AgingFigures) {
  const m = (amount: number): Money => ({ amount, currency: figures.currency });
  return {
    currency: figures.currency,
    outstanding_money: m(figures.outstanding),
    invoice_count: figures.invoices,
    buckets: Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, m(figures.buckets[bucket])])) as Record<AgingBucket, Money>,
  };
}
