export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/** The longest period a plan may bill (interval × count): one year, as card networks expect. */
export const MAX_INTERVAL_COUNT: Readonly<Record<BillingInterval, number>> = { day: 365, week: 52, month: 12, year: 1 };

const DAY_MS = 24 * 3600 * 1000;

/**
 * `anchor` + n intervals, in UTC. Months and years are counted from the anchor each time (never
 * from the previous boundary) and a missing day is clamped to the month's last: an anchor on
 * 31 January bills on 28/29 February, then 31 March again — no drift.
 */
export function addIntervals(anchor: string, interval: BillingInterval, n: number): string {
  const at = new Date(anchor);
  if (interval === 'day' || interval === 'week') return new Date(at.getTime() + n * (interval === 'day' ? 1 : 7) * DAY_MS).toISOString();
  const months = interval === 'month' ? n : n * 12;
  const year = at.getUTCFullYear() + Math.floor((at.getUTCMonth() + months) / 12);
  const month = (((at.getUTCMonth() + months) % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds())).toISOString();
}

export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}
