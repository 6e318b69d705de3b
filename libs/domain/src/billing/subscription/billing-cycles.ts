import type { Command, DomainEvent } from '../../core/decider.js';
import { validateId } from '../../order/rules/validation/fields.js';
import { billingError } from '../billing-errors.js';
import { planCycleAmount } from '../plan.js';
import { addDays } from '../rules/billing-period.js';
import { requireCycle, requireLive, requireSubscription } from './subscription-guards.js';
import { changed, cycleStart, RETRY_SCHEDULE_DAYS, withCycle, type SubscriptionState } from './subscription-state.js';
import type { SubscriptionCanceled } from './subscription-lifecycle.js';

/*
 * The billing process's facts. Each cycle is one order (its id decided by the process, one per
 * subscription and cycle), charged off-session at the cycle's start and, after failures, on the
 * retry schedule; the cycle is paid however its order gets paid (a charge, a wire, an invoice).
 */

export type StartBillingCycle = Command<'StartBillingCycle', { subscription_id: string; cycle: number; order_id: string }>;
export type BillingCycleStarted = DomainEvent<
  'BillingCycleStarted',
  { subscription_id: string; cycle: number; order_id: string; period_start: string; period_end: string; amount: number; currency: string; occurred_at: string }
>;

export type RecordRenewalFailure = Command<'RecordRenewalFailure', { subscription_id: string; cycle: number; payment_intent_id: string; code: string }>;
/** `next_attempt_at` null: the retries ran out (SubscriptionMarkedPastDue follows). */
export type RenewalPaymentFailed = DomainEvent<
  'RenewalPaymentFailed',
  { subscription_id: string; cycle: number; attempt: number; payment_intent_id: string; code: string; next_attempt_at: string | null; occurred_at: string }
>;
export type SubscriptionMarkedPastDue = DomainEvent<'SubscriptionMarkedPastDue', { subscription_id: string; cycle: number; occurred_at: string }>;

export type RecordCyclePaid = Command<'RecordCyclePaid', { subscription_id: string; cycle: number }>;
export type BillingCyclePaid = DomainEvent<'BillingCyclePaid', { subscription_id: string; cycle: number; order_id: string; occurred_at: string }>;

/**
 * Starts the next cycle once its period has begun (RENEWAL_NOT_DUE before), never one out of
 * order (BILLING_CYCLE_MISMATCH: a repeated start of a cycle is refused, so there is one per
 * cycle). A cancellation scheduled for the period end cancels instead.
 */
export function decideStartBillingCycle(command: StartBillingCycle, state: SubscriptionState): (BillingCycleStarted | SubscriptionCanceled)[] {
  const sub = requireLive(requireSubscription(state, command.data.subscription_id));
  if (sub.status === 'paused') throw billingError('SUBSCRIPTION_PAUSED', `subscription ${sub.id} is paused: it renews once resumed`);
  const { cycle } = command.data;
  if (cycle !== sub.last_cycle + 1) throw billingError('BILLING_CYCLE_MISMATCH', `the next cycle of subscription ${sub.id} is ${sub.last_cycle + 1}, not ${String(cycle)}`, 'cycle');
  const period_start = cycleStart(sub, cycle);
  if (command.now < period_start) throw billingError('RENEWAL_NOT_DUE', `cycle ${cycle} of subscription ${sub.id} begins at ${period_start}`);
  const base = { subscription_id: sub.id, occurred_at: command.now };
  if (sub.cancel_at_period_end) return [{ type: 'SubscriptionCanceled', data: { ...base, reason: 'period_end', canceled_at: period_start } }];
  const order_id = validateId('ord_', command.data.order_id, 'order_id');
  const amount = planCycleAmount(sub.terms);
  return [{ type: 'BillingCycleStarted', data: { ...base, cycle, order_id, period_start, period_end: cycleStart(sub, cycle + 1), amount, currency: sub.terms.currency } }];
}

export function evolveBillingCycleStarted(state: SubscriptionState, { data }: BillingCycleStarted): SubscriptionState {
  const cycle = {
    cycle: data.cycle,
    order_id: data.order_id,
    period_start: data.period_start,
    period_end: data.period_end,
    paid: data.amount === 0,
    failed_attempts: 0,
    failed_intents: [],
    next_attempt_at: data.amount === 0 ? null : data.period_start,
    last_failure_code: null,
  };
  return changed(state, data.occurred_at, (sub) => ({ last_cycle: data.cycle, cycles: [...sub.cycles, cycle] }));
}

/**
 * An off-session charge of an open cycle failed: the next attempt follows RETRY_SCHEDULE_DAYS
 * from the cycle's start; after the last one the subscription is past_due (its order stays
 * collectible). Recording the same intent again records nothing; an attempt before its time is
 * RETRY_NOT_DUE.
 */
export function decideRecordRenewalFailure(command: RecordRenewalFailure, state: SubscriptionState): (RenewalPaymentFailed | SubscriptionMarkedPastDue)[] {
  const sub = requireSubscription(state, command.data.subscription_id);
  const cycle = requireCycle(sub, command.data.cycle);
  const intent = validateId('pi_', command.data.payment_intent_id, 'payment_intent_id');
  if (cycle.failed_intents.includes(intent)) return [];
  if (cycle.paid) throw billingError('BILLING_CYCLE_MISMATCH', `cycle ${cycle.cycle} of subscription ${sub.id} is paid`, 'cycle');
  if (cycle.next_attempt_at === null) throw billingError('BILLING_CYCLE_MISMATCH', `the retries of cycle ${cycle.cycle} are over: its order is collected by invoice or by hand`, 'cycle');
  if (command.now < cycle.next_attempt_at) throw billingError('RETRY_NOT_DUE', `the next attempt of cycle ${cycle.cycle} is due at ${cycle.next_attempt_at}`);
  const attempt = cycle.failed_attempts + 1;
  const retryDays = RETRY_SCHEDULE_DAYS[attempt - 1];
  const next_attempt_at = retryDays === undefined ? null : addDays(cycle.period_start, retryDays);
  const base = { subscription_id: sub.id, cycle: cycle.cycle, occurred_at: command.now };
  const failed: RenewalPaymentFailed = { type: 'RenewalPaymentFailed', data: { ...base, attempt, payment_intent_id: intent, code: String(command.data.code).slice(0, 100), next_attempt_at } };
  return next_attempt_at === null ? [failed, { type: 'SubscriptionMarkedPastDue', data: base }] : [failed];
}

export function evolveRenewalPaymentFailed(state: SubscriptionState, { data }: RenewalPaymentFailed): SubscriptionState {
  return changed(state, data.occurred_at, (sub) => ({
    cycles: withCycle(sub, data.cycle, (c) => ({
      failed_attempts: data.attempt,
      failed_intents: [...c.failed_intents, data.payment_intent_id],
      next_attempt_at: data.next_attempt_at,
      last_failure_code: data.code,
    })),
  }));
}

export function evolveSubscriptionMarkedPastDue(state: SubscriptionState, { data }: SubscriptionMarkedPastDue): SubscriptionState {
  return changed(state, data.occurred_at, (sub) => ({ past_due_cycles: [...sub.past_due_cycles, data.cycle] }));
}

/** The cycle's order was paid (by any means); once no cycle is past due the subscription is active again. */
export function decideRecordCyclePaid(command: RecordCyclePaid, state: SubscriptionState): BillingCyclePaid[] {
  const sub = requireSubscription(state, command.data.subscription_id);
  const cycle = requireCycle(sub, command.data.cycle);
  if (cycle.paid) return [];
  return [{ type: 'BillingCyclePaid', data: { subscription_id: sub.id, cycle: cycle.cycle, order_id: cycle.order_id, occurred_at: command.now } }];
}

export function evolveBillingCyclePaid(state: SubscriptionState, { data }: BillingCyclePaid): SubscriptionState {
  return changed(state, data.occurred_at, (sub) => ({
    cycles: withCycle(sub, data.cycle, () => ({ paid: true, next_attempt_at: null })),
    past_due_cycles: sub.past_due_cycles.filter((c) => c !== data.cycle),
  }));
}
