/*
 * Dates and instants as the API writes them. `Date.parse` rolls impossible dates over
 * (2026-02-30 becomes 2 March) and `new Date(bad).toISOString()` throws, so every date that comes
 * in is checked here first: the calendar date must exist as written.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_OR_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function calendarDayExists(y: string, m: string, d: string): boolean {
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d);
}

/** `YYYY-MM-DD`, a day that exists. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  return match !== null && calendarDayExists(match[1]!, match[2]!, match[3]!);
}

/** `YYYY-MM-DD` or a time with a zone (`Z` or `±hh:mm`), a real calendar instant. */
export function isIsoDateOrInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_OR_INSTANT.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  return calendarDayExists(match[1]!, match[2]!, match[3]!);
}

/** A checked date or instant as a UTC ISO instant; a bare date is the start of that day (UTC). */
export function toUtcInstant(value: string): string {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).toISOString();
}
