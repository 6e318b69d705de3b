import type { ExistingSubscription, SubscriptionState } from '#ordo/domain';
import { toSubscriptionResource } from '../../billing/read-model/billing-resources.js';
import type { AppendedFacts, PublicEventDraft } from './public-event-draft.js';

const BY_EVENT: Partial<Record<string, string>> = {
  SubscriptionCreated: 'subscription.created',
  BillingCyclePaid: 'subscription.renewed',
  RenewalPaymentFailed: 'subscription.payment_failed',
  SubscriptionMarkedPastDue: 'subscription.past_due',
  SubscriptionCanceled: 'subscription.canceled',
};

/** subscription.* from one append to a subscription stream (the object as after it). */
export function subscriptionPublicEvents(facts: AppendedFacts, _before: SubscriptionState, after: ExistingSubscription, revision: bigint): PublicEventDraft[] {
  // The first cycle's payment is the subscription starting (its order says paid), not a renewal.
  const renewal = (f: AppendedFacts[number]) => f.type !== 'BillingCyclePaid' || Number(f.data.cycle) > 1;
  const types = [...new Set(facts.filter(renewal).map((f) => BY_EVENT[f.type]).filter((t): t is string => t !== undefined))];
  return types.map((type) => ({ type, object_id: after.id, order_id: null, object: toSubscriptionResource(after, revision) as unknown as Record<string, unknown> }));
}
