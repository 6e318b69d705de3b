import { addDays, addIntervals } from './billing-period.js';

describe('addIntervals', () => {
  it('counts months from the anchor, clamping to the last day without drifting', () => {
    const anchor = '2026-01-31T09:30:00.000Z';
    expect([1, 2, 3, 13].map((n) => addIntervals(anchor, 'month', n))).toEqual([
      '2026-02-28T09:30:00.000Z',
      '2026-03-31T09:30:00.000Z',
      '2026-04-30T09:30:00.000Z',
      '2027-02-28T09:30:00.000Z',
    ]);
    expect(addIntervals('2027-12-15T00:00:00.000Z', 'month', 2)).toBe('2028-02-15T00:00:00.000Z');
  });

  it('handles leap days for yearly plans, and days and weeks exactly', () => {
    expect(addIntervals('2028-02-29T00:00:00.000Z', 'year', 1)).toBe('2029-02-28T00:00:00.000Z');
    expect(addIntervals('2028-02-29T00:00:00.000Z', 'year', 4)).toBe('2032-02-29T00:00:00.000Z');
    expect(addIntervals('2026-03-01T00:00:00.000Z', 'week', 2)).toBe('2026-03-15T00:00:00.000Z');
    expect(addIntervals('2026-03-01T00:00:00.000Z', 'day', 45)).toBe('2026-04-15T00:00:00.000Z');
    expect(addDays('2026-03-01T00:00:00.000Z', 3)).toBe('2026-03-04T00:00:00.000Z');
  });
});
