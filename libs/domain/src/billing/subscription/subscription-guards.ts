import { billingError } from '../billing-errors.js';
import type { BillingCycle, ExistingSubscription, SubscriptionState } from './subscription-state.js';

export function requireSubscription(state: SubscriptionState, id: string): ExistingSubscription {
  if (state.status === 'none') throw billingError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`, 'subscription_id');
  return state;
}

export function requireLive(sub: ExistingSubscription): ExistingSubscription {
  if (sub.status === 'canceled') throw billingError('SUBSCRIPTION_CANCELED', `subscription ${sub.id} was canceled on ${sub.canceled_at}`);
  return sub;
}

export function requireCycle(sub: ExistingSubscription, cycle: unknown): BillingCycle {
  const found = sub.cycles.find((c) => c.cycle === cycle);
  if (!found) throw billingError('BILLING_CYCLE_MISMATCH', `subscription ${sub.id} has no billing cycle ${String(cycle)}`, 'cycle');
  return found;
}
