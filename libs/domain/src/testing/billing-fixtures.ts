import type { PlanCreated, PlanState } from '../billing/plan.js';
import type { SubscriptionCommand, SubscriptionEvent } from '../billing/subscription/subscription-decider.js';
import type { SubscriptionCreated } from '../billing/subscription/create-subscription.js';
import { CUS_1, nthId } from './order-fixtures.js';

/* Builders for plan, subscription and test-clock tests. */

export const PLAN_1 = 'plan_0000000000000001';
export const SUB_1 = 'sub_0000000000000001';
export const CLOCK_1 = 'clock_0000000000000001';
export const START = '2026-01-31T10:00:00.000Z';
export const orderOfCycle = (n: number) => nthId('ord_', 100 + n);
export const intentOf = (cycle: number, attempt: number) => nthId('pi_', cycle * 10 + attempt);

export const planCreated = (overrides: Partial<PlanCreated['data']> = {}): PlanCreated => ({
  type: 'PlanCreated',
  data: {
    plan_id: PLAN_1,
    name: 'Pro',
    currency: 'USD',
    interval: 'month',
    interval_count: 1,
    line_items: [{ name: 'Pro seat', quantity: 2, unit_price_money: { amount: 1500, currency: 'USD' } }],
    trial_days: 0,
    metadata: {},
    occurred_at: START,
    ...overrides,
  },
});

export function activePlan(overrides: Partial<PlanCreated['data']> = {}): PlanState {
  const { plan_id, occurred_at, ...terms } = planCreated(overrides).data;
  return { ...terms, status: 'active', id: plan_id, created_at: occurred_at };
}

export function subCommand<T extends SubscriptionCommand['type']>(type: T, data: Extract<SubscriptionCommand, { type: T }>['data'], now = START): Extract<SubscriptionCommand, { type: T }> {
  return { type, data, now } as Extract<SubscriptionCommand, { type: T }>;
}

export const subscriptionCreated = (overrides: Partial<SubscriptionCreated['data']> = {}): SubscriptionCreated => {
  const { plan_id, currency, interval, interval_count, line_items, trial_days } = planCreated().data;
  return {
    type: 'SubscriptionCreated',
    data: {
      subscription_id: SUB_1,
      customer_id: CUS_1,
      plan_id,
      terms: { currency, interval, interval_count, line_items, trial_days },
      test_clock_id: null,
      metadata: {},
      trial_end: null,
      anchor: START,
      occurred_at: START,
      ...overrides,
    },
  };
};

/** Cycle n of the default monthly subscription started at its period start. */
export const cycleStarted = (n: number, period_start: string, period_end: string): SubscriptionEvent => ({
  type: 'BillingCycleStarted',
  data: { subscription_id: SUB_1, cycle: n, order_id: orderOfCycle(n), period_start, period_end, amount: 3000, currency: 'USD', occurred_at: period_start },
});

export const renewalFailed = (cycle: number, attempt: number, at: string, next: string | null): SubscriptionEvent => ({
  type: 'RenewalPaymentFailed',
  data: { subscription_id: SUB_1, cycle, attempt, payment_intent_id: intentOf(cycle, attempt), code: 'card_declined', next_attempt_at: next, occurred_at: at },
});
