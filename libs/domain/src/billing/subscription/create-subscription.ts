import type { Command, DomainEvent } from '../../core/decider.js';
import type { Metadata } from '../../order/model/order-state.js';
import { validateId, validateMetadata } from '../../order/rules/validation/fields.js';
import { billingError } from '../billing-errors.js';
import type { PlanState, PlanTerms } from '../plan.js';
import { addDays } from '../rules/billing-period.js';
import { statusOf, type ExistingSubscription, type SubscriptionState } from './subscription-state.js';

/**
 * `plan` is the plan as its stream says now (the application loads it); the subscription keeps a
 * snapshot of its terms, so archiving or any later plan never changes what it bills.
 * `test_clock_id`: the customer's test clock, whose time drives this subscription.
 */
export type CreateSubscription = Command<
  'CreateSubscription',
  { subscription_id: string; customer_id: string; plan: PlanState; test_clock_id?: string | null; metadata?: unknown }
>;

/** Cycle 1 begins at `anchor`: now, or when the trial ends. */
export type SubscriptionCreated = DomainEvent<
  'SubscriptionCreated',
  { subscription_id: string; customer_id: string; plan_id: string; terms: PlanTerms; test_clock_id: string | null; metadata: Metadata; trial_end: string | null; anchor: string; occurred_at: string }
>;

export function decideCreateSubscription(command: CreateSubscription, state: SubscriptionState): SubscriptionCreated[] {
  const id = validateId('sub_', command.data.subscription_id, 'subscription_id');
  if (state.status !== 'none') throw billingError('SUBSCRIPTION_ALREADY_EXISTS', `subscription ${id} already exists`, 'subscription_id');
  const customer_id = validateId('cus_', command.data.customer_id, 'customer_id');
  const plan = command.data.plan;
  if (plan.status === 'none') throw billingError('PLAN_NOT_FOUND', 'the plan does not exist', 'plan_id');
  if (plan.status === 'archived') throw billingError('PLAN_ARCHIVED', `plan ${plan.id} is archived: it starts no new subscription`, 'plan_id');
  const clock = command.data.test_clock_id;
  const test_clock_id = clock === undefined || clock === null ? null : validateId('clock_', clock, 'test_clock_id');
  const trial_end = plan.trial_days > 0 ? addDays(command.now, plan.trial_days) : null;
  const { currency, interval, interval_count, line_items, trial_days } = plan;
  return [
    {
      type: 'SubscriptionCreated',
      data: {
        subscription_id: id,
        customer_id,
        plan_id: plan.id,
        terms: { currency, interval, interval_count, line_items, trial_days },
        test_clock_id,
        metadata: validateMetadata(command.data.metadata, 'metadata'),
        trial_end,
        anchor: trial_end ?? command.now,
        occurred_at: command.now,
      },
    },
  ];
}

export function evolveSubscriptionCreated(_: SubscriptionState, { data }: SubscriptionCreated): ExistingSubscription {
  const sub: Omit<ExistingSubscription, 'status'> = {
    id: data.subscription_id,
    customer_id: data.customer_id,
    plan_id: data.plan_id,
    terms: data.terms,
    test_clock_id: data.test_clock_id,
    metadata: data.metadata,
    anchor: data.anchor,
    anchor_cycle: 1,
    trial_end: data.trial_end,
    last_cycle: 0,
    cycles: [],
    past_due_cycles: [],
    cancel_at_period_end: false,
    paused_at: null,
    canceled_at: null,
    created_at: data.occurred_at,
    updated_at: data.occurred_at,
  };
  return { ...sub, status: statusOf(sub) };
}
