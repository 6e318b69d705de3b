import type { Metadata } from '../../order/model/order-state.js';
import type { PlanTerms } from '../plan.js';
import { addIntervals } from '../rules/billing-period.js';

/** Failed renewal charges are retried this many days after the cycle began; after the last, past_due. */
export const RETRY_SCHEDULE_DAYS: readonly number[] = Object.freeze([1, 3, 5]);

/** One billing cycle: one order, charged off-session until paid (or the retries run out). */
export interface BillingCycle {
  cycle: number;
  order_id: string;
  period_start: string;
  period_end: string;
  paid: boolean;
  /** Charge attempts that failed so far. */
  failed_attempts: number;
  /** Intents whose failure is recorded (a repeated record of one is a no-op). */
  failed_intents: string[];
  /** When the next attempt is due; null once paid or once the retries ran out. */
  next_attempt_at: string | null;
  last_failure_code: string | null;
}

export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'paused' | 'canceled';

export interface ExistingSubscription {
  status: SubscriptionStatus;
  id: string;
  customer_id: string;
  plan_id: string;
  terms: PlanTerms;
  test_clock_id: string | null;
  metadata: Metadata;
  /** Cycle `anchor_cycle` begins at `anchor`; later ones `n` intervals after it (resuming moves both). */
  anchor: string;
  anchor_cycle: number;
  trial_end: string | null;
  /** The last cycle started (0 before the first). */
  last_cycle: number;
  cycles: BillingCycle[];
  /** A cycle whose retries ran out without payment makes the subscription past_due until paid. */
  past_due_cycles: number[];
  cancel_at_period_end: boolean;
  paused_at: string | null;
  canceled_at: string | null;
  created_at: string;
  updated_at: string;
}

export type SubscriptionState = { status: 'none' } | ExistingSubscription;

export const initialSubscriptionState = (): SubscriptionState => ({ status: 'none' });

/** When cycle `n` begins. */
export function cycleStart(sub: Pick<ExistingSubscription, 'anchor' | 'anchor_cycle' | 'terms'>, n: number): string {
  return addIntervals(sub.anchor, sub.terms.interval, (n - sub.anchor_cycle) * sub.terms.interval_count);
}

/** The status the facts give: canceled and paused win, then past_due, trialing before the first cycle, else active. */
export function statusOf(sub: Omit<ExistingSubscription, 'status'>): SubscriptionStatus {
  if (sub.canceled_at !== null) return 'canceled';
  if (sub.paused_at !== null) return 'paused';
  if (sub.past_due_cycles.length > 0) return 'past_due';
  if (sub.trial_end !== null && sub.last_cycle === 0) return 'trialing';
  return 'active';
}

/** Applies a change to an existing subscription and derives its status again. */
export function changed(state: SubscriptionState, at: string, change: (sub: ExistingSubscription) => Partial<ExistingSubscription>): SubscriptionState {
  if (state.status === 'none') return state;
  const next = { ...state, ...change(state), updated_at: at };
  return { ...next, status: statusOf(next) };
}

export function withCycle(sub: ExistingSubscription, cycle: number, change: (c: BillingCycle) => Partial<BillingCycle>): BillingCycle[] {
  return sub.cycles.map((c) => (c.cycle === cycle ? { ...c, ...change(c) } : c));
}
