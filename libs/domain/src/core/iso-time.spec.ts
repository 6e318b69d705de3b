import { isCalendarDate, isIsoDateOrInstant, toUtcInstant } from './iso-time.js';

describe('ISO dates and instants', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts the date %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
    expect(isIsoDateOrInstant(d)).toBe(true);
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01', '', 20260101, null])('refuses %p as a date', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });

  it.each(['2026-01-01T10:00Z', '2026-01-01T10:00:00.123+14:00', '2026-01-01T23:59:59-05:30'])('accepts the instant %s', (v) => {
    expect(isIsoDateOrInstant(v)).toBe(true);
  });

  it.each(['2026-01-01T10:61Z', '2026-13-01T00:00Z', '2026-02-31T10:00+14:00', '2026-01-01T10:00', '2026-01-01 10:00Z'])('refuses %p as an instant', (v) => {
    expect(isIsoDateOrInstant(v)).toBe(false);
  });

  it('normalises to UTC; a bare date is the start of its day', () => {
    expect(toUtcInstant('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(toUtcInstant('2026-03-01T09:30+01:00')).toBe('2026-03-01T08:30:00.000Z');
  });
});
