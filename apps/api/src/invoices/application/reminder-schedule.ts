import type { ReminderKind } from '#ordo/domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When, relative to the due date, an unpaid invoice gets a reminder. */
export const REMINDER_SCHEDULE: readonly { kind: Exclude<ReminderKind, 'manual'>; offsetDays: number }[] = [
  { kind: 'before_due', offsetDays: -3 },
  { kind: 'due', offsetDays: 0 },
  { kind: 'overdue', offsetDays: 1 },
  { kind: 'overdue', offsetDays: 7 },
  { kind: 'overdue', offsetDays: 14 },
  { kind: 'overdue', offsetDays: 30 },
];

const stepsReachedAt = (dueAt: string, at: string) => REMINDER_SCHEDULE.filter((step) => Date.parse(dueAt) + step.offsetDays * DAY_MS <= Date.parse(at)).length;

/**
 * The reminder due now, if any: the latest schedule step reached and not yet sent (`stepsSent`:
 * the steps of the scheduled reminders already recorded). When the clock jumped over several
 * steps only the latest is sent — a buyer gets one reminder, not a burst.
 */
export function reminderDue(dueAt: string, now: string, stepsSent: readonly number[]): { kind: Exclude<ReminderKind, 'manual'>; step: number } | null {
  const reached = stepsReachedAt(dueAt, now);
  const covered = stepsSent.length === 0 ? 0 : Math.max(...stepsSent) + 1;
  return reached > covered ? { kind: REMINDER_SCHEDULE[reached - 1]!.kind, step: reached - 1 } : null;
}
