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
 * The reminder due now, if any. Steps already covered are those reached when the last scheduled
 * reminder went out; when the clock jumped over several steps, only the latest is sent (a buyer
 * gets one reminder, not a burst).
 */
export function reminderDue(dueAt: string, now: string, lastScheduledSentAt: string | null): Exclude<ReminderKind, 'manual'> | null {
  const reached = stepsReachedAt(dueAt, now);
  const covered = lastScheduledSentAt === null ? 0 : stepsReachedAt(dueAt, lastScheduledSentAt);
  return reached > covered ? REMINDER_SCHEDULE[reached - 1].kind : null;
}
