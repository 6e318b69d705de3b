import type { SubscriptionEvent } from '#ordo/domain';
import { formatMoney as money } from '../../orders/read-model/money-format.js';

/** One line per subscription fact, for the customer's timeline. */
export function describeSubscriptionEvent(event: SubscriptionEvent): string {
  const d = event.data;
  switch (event.type) {
    case 'SubscriptionCreated':
      return `Subscription ${event.data.subscription_id} to plan ${event.data.plan_id} started${event.data.trial_end ? ` (trial until ${event.data.trial_end})` : ''}`;
    case 'BillingCycleStarted':
      return `Subscription ${d.subscription_id} renewed: cycle ${event.data.cycle} (${event.data.period_start} to ${event.data.period_end}) billed by order ${event.data.order_id} for ${money(event.data.amount, event.data.currency)}`;
    case 'RenewalPaymentFailed':
      return `Renewal charge for cycle ${event.data.cycle} failed (attempt ${event.data.attempt}, ${event.data.code}); ${event.data.next_attempt_at ? `next retry at ${event.data.next_attempt_at}` : 'no retries left'}`;
    case 'SubscriptionMarkedPastDue':
      return `Subscription ${d.subscription_id} is past due: cycle ${event.data.cycle} stays collectible by invoice or manual payment`;
    case 'BillingCyclePaid':
      return `Cycle ${event.data.cycle} paid (order ${event.data.order_id})`;
    case 'SubscriptionCanceled':
      return `Subscription ${d.subscription_id} canceled${event.data.reason === 'period_end' ? ' at the end of its period' : ''}`;
    case 'SubscriptionCancellationScheduled':
      return `Subscription ${d.subscription_id} will cancel at ${event.data.cancel_at}`;
    case 'SubscriptionPaused':
      return `Subscription ${d.subscription_id} paused`;
    case 'SubscriptionResumed':
      return `Subscription ${d.subscription_id} resumed`;
  }
}
