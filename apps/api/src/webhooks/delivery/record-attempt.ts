import type { FailureStreak } from '#ordo/domain';
import { first, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { defineStateJob } from '../../persistence/sql/state-job.js';
import type { SendOutcome } from './webhook-sender.js';

export interface Due {
  id: string;
  endpoint_id: string;
  event_id: string;
  /** Attempts recorded when the row was read: the attempt sent is the next one. */
  attempts: number;
}

export interface AttemptTimes {
  /** `due.attempts + 1`. */
  attempt: number;
  startedAt: string;
  finishedAt: string;
  /** When to try again (the caller draws the jitter); null when delivered or out of attempts. */
  next: string | null;
}

/**
 * One transaction: the attempt, the delivery's new state and the endpoint's failure streak
 * (returned when failing). The delivery moves on only from the attempt count it was read with:
 * when another dispatcher sent it too and recorded first, no row changes, and this send (a
 * duplicate, same `webhook-id`) is left unrecorded rather than counted as a second attempt.
 */
export const recordAttempt = defineStateJob('webhooks.recordAttempt', function* (due: Due, times: AttemptTimes, outcome: SendOutcome): SqlJob<FailureStreak | undefined> {
  const { attempt, startedAt, finishedAt, next } = times;
  const ok = outcome.error === null;
  const status = ok ? 'succeeded' : next ? 'pending' : 'failed';
  const claimed = yield* run(
    `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_response_code = ?, last_error = ?,
       delivered_at = COALESCE(?, delivered_at) WHERE id = ? AND attempts = ?`,
    [status, attempt, next, startedAt, outcome.status, outcome.error, ok ? finishedAt : null, due.id, due.attempts],
  );
  if (claimed === 0) return undefined;
  yield* run(
    `INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, response_code, error, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (delivery_id, attempt) DO UPDATE SET started_at = excluded.started_at, duration_ms = excluded.duration_ms,
       response_code = excluded.response_code, error = excluded.error, next_attempt_at = excluded.next_attempt_at`,
    [due.id, attempt, startedAt, outcome.durationMs, outcome.status, outcome.error, next],
  );
  return ok ? yield* succeeded(due.endpoint_id, finishedAt) : yield* failed(due.endpoint_id, startedAt);
});

/** A success ends the endpoint's failure streak. */
function* succeeded(endpointId: string, at: string): SqlJob<undefined> {
  yield* run(
    `INSERT INTO webhook_endpoint_health (endpoint_id, consecutive_failures, failing_since, last_success_at) VALUES (?, 0, NULL, ?)
     ON CONFLICT (endpoint_id) DO UPDATE SET consecutive_failures = 0, failing_since = NULL, last_success_at = excluded.last_success_at`,
    [endpointId, at],
  );
  return undefined;
}

/**
 * A failure lengthens the streak. Counted in the statement, not read and written back: two
 * dispatchers failing on one endpoint at once each add theirs (PostgreSQL locks the row until commit).
 */
function* failed(endpointId: string, startedAt: string): SqlJob<FailureStreak> {
  yield* run(
    `INSERT INTO webhook_endpoint_health (endpoint_id, consecutive_failures, failing_since, last_success_at) VALUES (?, 1, ?, NULL)
     ON CONFLICT (endpoint_id) DO UPDATE SET consecutive_failures = webhook_endpoint_health.consecutive_failures + 1,
       failing_since = COALESCE(webhook_endpoint_health.failing_since, excluded.failing_since)`,
    [endpointId, startedAt],
  );
  return (yield* first<FailureStreak>('SELECT consecutive_failures, failing_since FROM webhook_endpoint_health WHERE endpoint_id = ?', [endpointId]))!;
}
