import { reminderDue } from './reminder-schedule.js';

const DUE = '2026-03-31T23:59:59.999Z';
const at = (days: number) => new Date(Date.parse(DUE) + days * 86_400_000).toISOString();

describe('reminder schedule', () => {
  it('sends nothing before 3 days ahead of the due date', () => {
    expect(reminderDue(DUE, at(-3.5), null)).toBeNull();
  });

  it('walks the steps: before_due, due, then overdue at 1, 7, 14 and 30 days', () => {
    expect(reminderDue(DUE, at(-3), null)).toBe('before_due');
    expect(reminderDue(DUE, at(-2), at(-3))).toBeNull();
    expect(reminderDue(DUE, at(0), at(-3))).toBe('due');
    expect(reminderDue(DUE, at(1), at(0))).toBe('overdue');
    expect(reminderDue(DUE, at(6), at(1))).toBeNull();
    expect(reminderDue(DUE, at(7), at(1))).toBe('overdue');
    expect(reminderDue(DUE, at(14), at(7))).toBe('overdue');
    expect(reminderDue(DUE, at(30), at(14))).toBe('overdue');
    expect(reminderDue(DUE, at(400), at(30))).toBeNull();
  });

  it('sends one reminder, the latest, when the clock jumped over several steps', () => {
    expect(reminderDue(DUE, at(10), null)).toBe('overdue');
    expect(reminderDue(DUE, at(13), at(10))).toBeNull();
  });
});
