import { planCycleAmount, type ExistingPlan, type ExistingSubscription, type ExistingTestClock, type Money } from '#ordo/domain';
import { cycleStart } from '#ordo/domain';

export function toPlanResource(plan: ExistingPlan) {
  return {
    id: plan.id,
    object: 'plan' as const,
    name: plan.name,
    status: plan.status,
    currency: plan.currency,
    interval: plan.interval,
    interval_count: plan.interval_count,
    line_items: plan.line_items,
    amount_money: { amount: planCycleAmount(plan), currency: plan.currency } satisfies Money,
    trial_days: plan.trial_days,
    metadata: plan.metadata,
    created_at: plan.created_at,
  };
}

export function toSubscriptionResource(sub: ExistingSubscription, revision: bigint) {
  const current = sub.cycles.at(-1);
  const m = (amount: number): Money => ({ amount, currency: sub.terms.currency });
  return {
    id: sub.id,
    object: 'subscription' as const,
    customer_id: sub.customer_id,
    plan_id: sub.plan_id,
    status: sub.status,
    test_clock_id: sub.test_clock_id,
    amount_money: m(planCycleAmount(sub.terms)),
    interval: sub.terms.interval,
    interval_count: sub.terms.interval_count,
    trial_end: sub.trial_end,
    current_cycle: current?.cycle ?? null,
    current_period_start: current?.period_start ?? null,
    current_period_end: current?.period_end ?? null,
    next_renewal_at: sub.status === 'canceled' || sub.status === 'paused' ? null : cycleStart(sub, sub.last_cycle + 1),
    cancel_at_period_end: sub.cancel_at_period_end,
    canceled_at: sub.canceled_at,
    paused_at: sub.paused_at,
    cycles: sub.cycles.map((c) => ({
      cycle: c.cycle,
      order_id: c.order_id,
      period_start: c.period_start,
      period_end: c.period_end,
      status: c.paid ? ('paid' as const) : c.next_attempt_at === null ? ('past_due' as const) : ('open' as const),
      failed_attempts: c.failed_attempts,
      next_attempt_at: c.next_attempt_at,
      last_failure_code: c.last_failure_code,
    })),
    metadata: sub.metadata,
    version: Number(revision),
    created_at: sub.created_at,
    updated_at: sub.updated_at,
  };
}

export function toTestClockResource(clock: ExistingTestClock) {
  return { id: clock.id, object: 'test_clock' as const, name: clock.name, frozen_time: clock.frozen_time, status: clock.status, created_at: clock.created_at };
}
