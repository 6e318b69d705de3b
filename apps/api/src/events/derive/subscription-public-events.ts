import type { ExistingSubscription, SubscriptionState } from '#ordo/domain';
import { toSubscriptionResource } from '../../billing/read-model/billing-resources.js';
import type { PublicEventDraft } from './public-event-draft.js';

const BY_EVENT: Partial<Record<string, string>> = {
  SubscriptionCreated: 'subscription.created',
  BillingCyclePaid: 'subscription.renewed',
  RenewalPaymentFailed: 'subscription.payment_failed',
  SubscriptionMarkedPastDue: 'subscription.past_due',
  SubscriptionCanceled: 'subscription.canceled',
};

/** subscription.* from one subscription-stream fact. */
export function subscriptionPublicEvents(type: string, _data: Record<string, unknown>, _before: SubscriptionState, after: ExistingSubscription, revision: bigint): PublicEventDraft[] {
  const t = BY_EVENT[type];
  return t ? [{ type: t, object_id: after.id, order_id: null, object: toSubscriptionResource(after, revision) as unknown as Record<string, unknown> }] : [];
}
