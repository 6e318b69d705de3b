import { fold } from '../../core/decider.js';
import { activePlan, CLOCK_1, cycleStarted, intentOf, orderOfCycle, renewalFailed, START, SUB_1, subCommand, subscriptionCreated } from '../../testing/billing-fixtures.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { CUS_1 } from '../../testing/order-fixtures.js';
import type { ExistingPlan, PlanState } from '../plan.js';
import { nextBillingStep } from './next-billing-step.js';
import { subscriptionDecider, type SubscriptionEvent } from './subscription-decider.js';
import type { ExistingSubscription } from './subscription-state.js';

const spec = deciderSpec(subscriptionDecider);
const FEB = '2026-02-28T10:00:00.000Z';
const MAR = '2026-03-31T10:00:00.000Z';
const day = (n: number) => new Date(Date.parse(START) + n * 86_400_000).toISOString();
const create = (plan: PlanState = activePlan(), now = START) => subCommand('CreateSubscription', { subscription_id: SUB_1, customer_id: CUS_1, plan }, now);
const start = (cycle: number, now: string) => subCommand('StartBillingCycle', { subscription_id: SUB_1, cycle, order_id: orderOfCycle(cycle) }, now);
const fail = (cycle: number, attempt: number, now: string) => subCommand('RecordRenewalFailure', { subscription_id: SUB_1, cycle, payment_intent_id: intentOf(cycle, attempt), code: 'card_declined' }, now);
const paid = (cycle: number, now: string) => subCommand('RecordCyclePaid', { subscription_id: SUB_1, cycle }, now);
const CYCLE_1 = [subscriptionCreated(), cycleStarted(1, START, FEB)];
const state = (events: SubscriptionEvent[]) => fold(subscriptionDecider, events) as ExistingSubscription;

describe('CreateSubscription', () => {
  it('keeps a snapshot of the plan; without a trial the first cycle begins now', () => {
    spec.given([]).when(create()).then([subscriptionCreated()]);
    expect(state([subscriptionCreated()]).status).toBe('active');
  });

  it('with a trial, the first cycle begins when the trial ends (trialing until then); a test clock is remembered', () => {
    const trial = activePlan({ trial_days: 14 });
    const withClock = subCommand('CreateSubscription', { subscription_id: SUB_1, customer_id: CUS_1, plan: trial, test_clock_id: CLOCK_1 });
    const events = subscriptionDecider.decide(withClock, state([]));
    expect(events[0]!.data).toMatchObject({ trial_end: day(14), anchor: day(14), test_clock_id: CLOCK_1, terms: { trial_days: 14 } });
    expect(state(events).status).toBe('trialing');
    spec.given(events).when(start(1, day(13))).thenThrows('RENEWAL_NOT_DUE');
  });

  it('refuses an archived or unknown plan and an id in use', () => {
    spec.given([]).when(create({ ...(activePlan() as ExistingPlan), status: 'archived' })).thenThrows('PLAN_ARCHIVED', { kind: 'conflict' });
    spec.given([]).when(create({ status: 'none' })).thenThrows('PLAN_NOT_FOUND');
    spec.given([subscriptionCreated()]).when(create()).thenThrows('SUBSCRIPTION_ALREADY_EXISTS');
    spec.given([]).when(subCommand('CreateSubscription', { subscription_id: SUB_1, customer_id: 'cus_x', plan: activePlan() })).thenThrows('INVALID_ID', { field: 'customer_id' });
  });
});

describe('billing cycles', () => {
  it('starts each cycle once its period began, one order per cycle, months counted from the anchor', () => {
    spec.given([subscriptionCreated()]).when(start(1, START)).then([cycleStarted(1, START, FEB)]);
    spec.given(CYCLE_1).when(start(2, FEB)).then([cycleStarted(2, FEB, MAR)]);
    spec.given(CYCLE_1).when(start(2, day(27))).thenThrows('RENEWAL_NOT_DUE', { kind: 'conflict' });
    // A repeated start (a crashed renewal run again) is refused: never two orders for a cycle.
    spec.given(CYCLE_1).when(start(1, FEB)).thenThrows('BILLING_CYCLE_MISMATCH');
    spec.given(CYCLE_1).when(start(3, MAR)).thenThrows('BILLING_CYCLE_MISMATCH');
    spec.given([]).when(start(1, START)).thenThrows('SUBSCRIPTION_NOT_FOUND', { kind: 'not_found' });
  });

  it('retries a failed renewal at +1, +3 and +5 days, then goes past_due; paying the order makes it active again', () => {
    spec.given(CYCLE_1).when(fail(1, 1, START)).then([renewalFailed(1, 1, START, day(1))]);
    const afterThree = [...CYCLE_1, renewalFailed(1, 1, START, day(1)), renewalFailed(1, 2, day(1), day(3)), renewalFailed(1, 3, day(3), day(5))];
    spec.given(afterThree).when(fail(1, 4, day(5))).then([
      renewalFailed(1, 4, day(5), null),
      { type: 'SubscriptionMarkedPastDue', data: { subscription_id: SUB_1, cycle: 1, occurred_at: day(5) } },
    ]);
    const pastDue = [...afterThree, renewalFailed(1, 4, day(5), null), { type: 'SubscriptionMarkedPastDue', data: { subscription_id: SUB_1, cycle: 1, occurred_at: day(5) } } as SubscriptionEvent];
    expect(state(pastDue).status).toBe('past_due');
    spec.given(pastDue).when(fail(1, 5, day(6))).thenThrows('BILLING_CYCLE_MISMATCH');
    spec.given(pastDue).when(paid(1, day(6))).then([{ type: 'BillingCyclePaid', data: { subscription_id: SUB_1, cycle: 1, order_id: orderOfCycle(1), occurred_at: day(6) } }]);
    const recovered = [...pastDue, { type: 'BillingCyclePaid', data: { subscription_id: SUB_1, cycle: 1, order_id: orderOfCycle(1), occurred_at: day(6) } } as SubscriptionEvent];
    expect(state(recovered).status).toBe('active');
    spec.given(recovered).when(paid(1, day(7))).thenNothingHappens();
    spec.given(recovered).when(fail(1, 5, day(7))).thenThrows('BILLING_CYCLE_MISMATCH');
  });

  it('records one failure per intent, refuses an attempt before its time and a cycle that does not exist', () => {
    const failedOnce = [...CYCLE_1, renewalFailed(1, 1, START, day(1))];
    spec.given(failedOnce).when(fail(1, 1, day(2))).thenNothingHappens();
    spec.given(failedOnce).when(fail(1, 2, day(0.5))).thenThrows('RETRY_NOT_DUE', { kind: 'conflict' });
    spec.given(CYCLE_1).when(fail(2, 1, day(2))).thenThrows('BILLING_CYCLE_MISMATCH');
  });

  it('tells the process its next step: the charge of an open cycle, then the next cycle', () => {
    expect(nextBillingStep(state([subscriptionCreated()]), START)).toEqual({ type: 'start_cycle', cycle: 1, at: START });
    expect(nextBillingStep(state(CYCLE_1), START)).toEqual({ type: 'charge', cycle: 1, attempt: 1, at: START });
    expect(nextBillingStep(state([...CYCLE_1, renewalFailed(1, 1, START, day(1))]), day(0.5))).toBeNull();
    expect(nextBillingStep(state([...CYCLE_1, renewalFailed(1, 1, START, day(1))]), MAR)).toEqual({ type: 'charge', cycle: 1, attempt: 2, at: day(1) });
    const paidOne = [...CYCLE_1, { type: 'BillingCyclePaid', data: { subscription_id: SUB_1, cycle: 1, order_id: orderOfCycle(1), occurred_at: START } } as SubscriptionEvent];
    expect(nextBillingStep(state(paidOne), MAR)).toEqual({ type: 'start_cycle', cycle: 2, at: FEB });
  });
});

describe('cancel, pause and resume', () => {
  const cancel = (at_period_end: boolean, now = day(10)) => subCommand('CancelSubscription', { subscription_id: SUB_1, at_period_end }, now);

  it('cancels now, or schedules it for the period end, when the next cycle cancels instead of starting', () => {
    spec.given(CYCLE_1).when(cancel(false)).then([{ type: 'SubscriptionCanceled', data: { subscription_id: SUB_1, reason: 'requested', canceled_at: day(10), occurred_at: day(10) } }]);
    const scheduled: SubscriptionEvent = { type: 'SubscriptionCancellationScheduled', data: { subscription_id: SUB_1, cancel_at: FEB, occurred_at: day(10) } };
    spec.given(CYCLE_1).when(cancel(true)).then([scheduled]);
    spec.given([...CYCLE_1, scheduled]).when(cancel(true)).thenNothingHappens();
    spec.given([...CYCLE_1, scheduled]).when(start(2, FEB)).then([{ type: 'SubscriptionCanceled', data: { subscription_id: SUB_1, reason: 'period_end', canceled_at: FEB, occurred_at: FEB } }]);
    const canceled: SubscriptionEvent = { type: 'SubscriptionCanceled', data: { subscription_id: SUB_1, reason: 'requested', canceled_at: day(10), occurred_at: day(10) } };
    spec.given([...CYCLE_1, canceled]).when(cancel(false)).thenThrows('SUBSCRIPTION_CANCELED', { kind: 'conflict' });
    spec.given([...CYCLE_1, canceled]).when(start(2, FEB)).thenThrows('SUBSCRIPTION_CANCELED');
    expect(nextBillingStep(state([...CYCLE_1, canceled]), MAR)).toBeNull();
  });

  it('pauses (no renewal, no retry) and resumes; cycles whose period began while paused are not billed', () => {
    const paused: SubscriptionEvent = { type: 'SubscriptionPaused', data: { subscription_id: SUB_1, occurred_at: day(10) } };
    spec.given(CYCLE_1).when(subCommand('PauseSubscription', { subscription_id: SUB_1 }, day(10))).then([paused]);
    spec.given([...CYCLE_1, paused]).when(subCommand('PauseSubscription', { subscription_id: SUB_1 }, day(11))).thenNothingHappens();
    spec.given([...CYCLE_1, paused]).when(start(2, FEB)).thenThrows('SUBSCRIPTION_PAUSED');
    expect(nextBillingStep(state([...CYCLE_1, paused]), MAR)).toBeNull();
    // Resumed before the next period: the schedule is unchanged.
    spec.given([...CYCLE_1, paused]).when(subCommand('ResumeSubscription', { subscription_id: SUB_1 }, day(20))).then([
      { type: 'SubscriptionResumed', data: { subscription_id: SUB_1, anchor: START, anchor_cycle: 1, occurred_at: day(20) } },
    ]);
    // Resumed after it: cycle 2 begins at the resume.
    const resumedLate: SubscriptionEvent = { type: 'SubscriptionResumed', data: { subscription_id: SUB_1, anchor: day(45), anchor_cycle: 2, occurred_at: day(45) } };
    spec.given([...CYCLE_1, paused]).when(subCommand('ResumeSubscription', { subscription_id: SUB_1 }, day(45))).then([resumedLate]);
    expect(nextBillingStep(state([...CYCLE_1, paused, resumedLate]), day(45))).toMatchObject({ type: 'charge', cycle: 1 });
    spec.given(CYCLE_1).when(subCommand('ResumeSubscription', { subscription_id: SUB_1 }, day(20))).thenThrows('SUBSCRIPTION_NOT_PAUSED');
  });
});
