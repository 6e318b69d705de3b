import { reminderDue } from './reminder-schedule.js';

const DUE = '2026-03-31T23:59:59.999Z';
const at = (days: number) => new Date(Date.parse(DUE) + days * 86_400_000).toISOString();

describe('reminder schedule', () => {
  it('sends nothing before 3 days ahead of the due date', () => {
    expect(reminderDue(DUE, at(-3.5), [])).toBeNull();
  });

  it('walks the steps: before_due, due, then overdue at 1, 7, 14 and 30 days', () => {
    expect(reminderDue(DUE, at(-3), [])).toEqual({ kind: 'before_due', step: 0 });
    expect(reminderDue(DUE, at(-2), [0])).toBeNull();
    expect(reminderDue(DUE, at(0), [0])).toEqual({ kind: 'due', step: 1 });
    expect(reminderDue(DUE, at(1), [0, 1])).toEqual({ kind: 'overdue', step: 2 });
    expect(reminderDue(DUE, at(6), [0, 1, 2])).toBeNull();
    expect(reminderDue(DUE, at(7), [0, 1, 2])).toEqual({ kind: 'overdue', step: 3 });
    expect(reminderDue(DUE, at(14), [0, 1, 2, 3])).toEqual({ kind: 'overdue', step: 4 });
    expect(reminderDue(DUE, at(30), [0, 1, 2, 3, 4])).toEqual({ kind: 'overdue', step: 5 });
    expect(reminderDue(DUE, at(400), [0, 1, 2, 3, 4, 5])).toBeNull();
  });

  it('sends one reminder, the latest, when the clock jumped over several steps', () => {
    expect(reminderDue(DUE, at(10), [])).toEqual({ kind: 'overdue', step: 3 });
    expect(reminderDue(DUE, at(13), [3])).toBeNull();
  });
});
