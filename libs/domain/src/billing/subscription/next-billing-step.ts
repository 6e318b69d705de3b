import { cycleStart, type ExistingSubscription } from './subscription-state.js';

/** What the billing process does next for a subscription, and from when. */
export type BillingStep = { type: 'start_cycle'; cycle: number; at: string } | { type: 'charge'; cycle: number; attempt: number; at: string };

/**
 * The earliest step due at or before `until`, or null: a charge of an open cycle (at its start,
 * then at each retry time) before starting the next cycle (when its period begins). Nothing
 * while paused or once canceled. Pure: the process asks, acts at `at`, and asks again.
 */
export function nextBillingStep(sub: ExistingSubscription, until: string): BillingStep | null {
  if (sub.status === 'canceled' || sub.status === 'paused') return null;
  const steps: BillingStep[] = sub.cycles
    .filter((c) => !c.paid && c.next_attempt_at !== null)
    .map((c) => ({ type: 'charge', cycle: c.cycle, attempt: c.failed_attempts + 1, at: c.next_attempt_at! }));
  steps.push({ type: 'start_cycle', cycle: sub.last_cycle + 1, at: cycleStart(sub, sub.last_cycle + 1) });
  const due = steps.filter((s) => s.at <= until).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.type === 'charge' ? -1 : 1));
  return due[0] ?? null;
}
