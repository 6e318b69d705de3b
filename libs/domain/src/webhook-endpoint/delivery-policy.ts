/*
 * How webhook deliveries are retried and when an endpoint that keeps failing is switched off.
 * Pure: the caller passes the time and the random draw, so the schedule is testable exactly.
 */

/** A delivery is tried at most this many times (the first attempt included), then it has failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** The wait after the n-th failed attempt (index n-1), before jitter: 30 s … 12 h, about 22 h in all. */
export const RETRY_DELAYS_MS: readonly number[] = Object.freeze([30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000]);

/** Each wait is stretched or shrunk by up to this fraction, so retries of many events spread out. */
export const RETRY_JITTER = 0.2;

/**
 * When to try again after attempt `attempt` (1-based) failed at `failedAt`, or null when it was the
 * last. `random` is a draw in [0, 1): the wait is the step × (1 − jitter + 2 · jitter · random).
 */
export function nextAttemptAt(attempt: number, failedAt: string, random: number): string | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt is 1-based');
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  const step = RETRY_DELAYS_MS[attempt - 1]!;
  const draw = Math.min(Math.max(random, 0), 1);
  const wait = Math.round(step * (1 - RETRY_JITTER + 2 * RETRY_JITTER * draw));
  return new Date(Date.parse(failedAt) + wait).toISOString();
}

/**
 * An endpoint is disabled once its attempts have failed this many times in a row, with no success
 * between, over at least this long: a receiver that is down for a day, not one that hiccupped
 * during a burst. With one event that keeps failing, this is reached at its last attempt (~22 h).
 */
export const DISABLE_AFTER_FAILURES = 5;
export const DISABLE_AFTER_MS = 12 * 3_600_000;

export interface FailureStreak {
  consecutive_failures: number;
  /** When the first failure of the streak happened. */
  failing_since: string;
}

export function failingLongEnough(streak: FailureStreak, now: string): boolean {
  return streak.consecutive_failures >= DISABLE_AFTER_FAILURES && Date.parse(now) - Date.parse(streak.failing_since) >= DISABLE_AFTER_MS;
}
