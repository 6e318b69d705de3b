import { deciderOf } from '../../core/decider-of.js';
import {
  decideRecordCyclePaid,
  decideRecordRenewalFailure,
  decideStartBillingCycle,
  evolveBillingCyclePaid,
  evolveBillingCycleStarted,
  evolveRenewalPaymentFailed,
  evolveSubscriptionMarkedPastDue,
  type BillingCyclePaid,
  type BillingCycleStarted,
  type RecordCyclePaid,
  type RecordRenewalFailure,
  type RenewalPaymentFailed,
  type StartBillingCycle,
  type SubscriptionMarkedPastDue,
} from './billing-cycles.js';
import { decideCreateSubscription, evolveSubscriptionCreated, type CreateSubscription, type SubscriptionCreated } from './create-subscription.js';
import {
  decideCancelSubscription,
  decidePauseSubscription,
  decideResumeSubscription,
  evolveSubscriptionCanceled,
  evolveSubscriptionCancellationScheduled,
  evolveSubscriptionPaused,
  evolveSubscriptionResumed,
  type CancelSubscription,
  type PauseSubscription,
  type ResumeSubscription,
  type SubscriptionCanceled,
  type SubscriptionCancellationScheduled,
  type SubscriptionPaused,
  type SubscriptionResumed,
} from './subscription-lifecycle.js';
import { initialSubscriptionState, type SubscriptionState } from './subscription-state.js';

/* The subscription aggregate, one stream per subscription: its plan snapshot, cycles and lifecycle. */
export type SubscriptionCommand =
  | CreateSubscription
  | StartBillingCycle
  | RecordRenewalFailure
  | RecordCyclePaid
  | CancelSubscription
  | PauseSubscription
  | ResumeSubscription;
export type SubscriptionEvent =
  | SubscriptionCreated
  | BillingCycleStarted
  | RenewalPaymentFailed
  | SubscriptionMarkedPastDue
  | BillingCyclePaid
  | SubscriptionCanceled
  | SubscriptionCancellationScheduled
  | SubscriptionPaused
  | SubscriptionResumed;
export type SubscriptionEventType = SubscriptionEvent['type'];

const EVENT_TYPES: { [T in SubscriptionEventType]: T } = {
  SubscriptionCreated: 'SubscriptionCreated',
  BillingCycleStarted: 'BillingCycleStarted',
  RenewalPaymentFailed: 'RenewalPaymentFailed',
  SubscriptionMarkedPastDue: 'SubscriptionMarkedPastDue',
  BillingCyclePaid: 'BillingCyclePaid',
  SubscriptionCanceled: 'SubscriptionCanceled',
  SubscriptionCancellationScheduled: 'SubscriptionCancellationScheduled',
  SubscriptionPaused: 'SubscriptionPaused',
  SubscriptionResumed: 'SubscriptionResumed',
};
export const SUBSCRIPTION_EVENT_TYPES: readonly SubscriptionEventType[] = Object.freeze(Object.values(EVENT_TYPES));

export const subscriptionDecider = deciderOf<SubscriptionCommand, SubscriptionEvent, SubscriptionState>(
  {
    CreateSubscription: decideCreateSubscription,
    StartBillingCycle: decideStartBillingCycle,
    RecordRenewalFailure: decideRecordRenewalFailure,
    RecordCyclePaid: decideRecordCyclePaid,
    CancelSubscription: decideCancelSubscription,
    PauseSubscription: decidePauseSubscription,
    ResumeSubscription: decideResumeSubscription,
  },
  {
    SubscriptionCreated: evolveSubscriptionCreated,
    BillingCycleStarted: evolveBillingCycleStarted,
    RenewalPaymentFailed: evolveRenewalPaymentFailed,
    SubscriptionMarkedPastDue: evolveSubscriptionMarkedPastDue,
    BillingCyclePaid: evolveBillingCyclePaid,
    SubscriptionCanceled: evolveSubscriptionCanceled,
    SubscriptionCancellationScheduled: evolveSubscriptionCancellationScheduled,
    SubscriptionPaused: evolveSubscriptionPaused,
    SubscriptionResumed: evolveSubscriptionResumed,
  },
  initialSubscriptionState,
);
