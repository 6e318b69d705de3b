import fc from 'fast-check';
import { fold } from '../../core/decider.js';
import { DomainError } from '../../core/domain-error.js';
import { assertCovering, atLeast } from '../../testing/coverage.js';
import { activePlan, START, SUB_1 } from '../../testing/billing-fixtures.js';
import { CUS_1, nthId } from '../../testing/order-fixtures.js';
import { addDays, type BillingInterval } from '../rules/billing-period.js';
import { nextBillingStep } from './next-billing-step.js';
import { subscriptionDecider, type SubscriptionCommand, type SubscriptionEvent } from './subscription-decider.js';
import { cycleStart, RETRY_SCHEDULE_DAYS, type ExistingSubscription } from './subscription-state.js';

/*
 * The billing process as a model: random plans, random time jumps, random charge outcomes,
 * payments from elsewhere, pauses and cancellations. The process is what the app runs — ask
 * nextBillingStep, act at its instant, ask again — and after every step the subscription must
 * hold: cycles 1..n with one order each, a cycle for every period begun (while never paused),
 * the retry schedule kept, past_due exactly when a cycle ran out of retries unpaid.
 */

type Step =
  | { t: 'advance'; days: number; declines: boolean[] }
  | { t: 'payElsewhere' }
  | { t: 'pause' }
  | { t: 'resume' }
  | { t: 'cancel'; atPeriodEnd: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 40 }), declines: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }) }), weight: 10 },
  { arbitrary: fc.record({ t: fc.constant('payElsewhere' as const) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('pause' as const) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('resume' as const) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), atPeriodEnd: fc.boolean() }), weight: 1 },
);
const planArb = fc.record({
  interval: fc.constantFrom<BillingInterval>('day', 'week', 'month'),
  interval_count: fc.integer({ min: 1, max: 3 }),
  trial_days: fc.constantFrom(0, 0, 5),
});

function check(sub: ExistingSubscription, now: string, everPaused: boolean): void {
  const fail = (why: string) => {
    throw new Error(`${why}: ${JSON.stringify(sub)}`);
  };
  sub.cycles.forEach((c, i) => {
    if (c.cycle !== i + 1) fail('cycles are not 1..n');
    if (c.failed_attempts > RETRY_SCHEDULE_DAYS.length + 1) fail('more attempts than the schedule has');
    if (c.paid && c.next_attempt_at !== null) fail('a paid cycle has an attempt due');
    if (!c.paid && c.next_attempt_at === null && c.failed_attempts !== RETRY_SCHEDULE_DAYS.length + 1) fail('an open cycle stopped retrying early');
    if (c.failed_attempts > 0 && c.next_attempt_at !== null && c.next_attempt_at !== addDays(c.period_start, RETRY_SCHEDULE_DAYS[c.failed_attempts - 1]!)) fail('retry off schedule');
  });
  if (new Set(sub.cycles.map((c) => c.order_id)).size !== sub.cycles.length) fail('two cycles share an order');
  const exhausted = sub.cycles.some((c) => !c.paid && c.next_attempt_at === null);
  if (sub.status !== 'canceled' && sub.status !== 'paused' && (sub.status === 'past_due') !== exhausted) fail('past_due does not match the cycles');
  if (!everPaused && sub.canceled_at === null) {
    // Every period begun by now has its cycle, and no other.
    if (cycleStart(sub, sub.last_cycle + 1) <= now) fail('a period began without its cycle');
    if (sub.last_cycle > 0 && cycleStart(sub, sub.last_cycle) > now) fail('a cycle started before its period');
    for (let i = 1; i < sub.cycles.length; i++) if (sub.cycles[i - 1]!.period_end !== sub.cycles[i]!.period_start) fail('periods do not follow one another');
  }
}

describe('subscription billing: invariants over random time, outcomes and lifecycle', () => {
  it('hold after every step', () => {
    let cycles = 0;
    let pastDue = 0;
    let recovered = 0;
    const missed = assertCovering(
      () => fc.property(planArb, fc.array(stepArb, { minLength: 1, maxLength: 25 }), (terms, steps) => {
        const events: SubscriptionEvent[] = [];
        const decide = (command: Omit<SubscriptionCommand, 'now'>, now: string) => {
          try {
            const produced = subscriptionDecider.decide({ ...command, now } as SubscriptionCommand, fold(subscriptionDecider, events));
            events.push(...produced);
            return produced;
          } catch (error) {
            if (error instanceof DomainError) return [];
            throw error;
          }
        };
        decide({ type: 'CreateSubscription', data: { subscription_id: SUB_1, customer_id: CUS_1, plan: activePlan(terms) } }, START);
        let now = START;
        let everPaused = false;
        const sub = () => fold(subscriptionDecider, events) as ExistingSubscription;
        // What the app does at creation, on each advance and on resume: every step due, at its instant.
        const runProcess = (declines: boolean[]) => {
          let outcome = 0;
          for (let guard = 0; guard < 500; guard++) {
            const next = nextBillingStep(sub(), now);
            if (!next) return;
            if (next.type === 'start_cycle') {
              if (decide({ type: 'StartBillingCycle', data: { subscription_id: SUB_1, cycle: next.cycle, order_id: nthId('ord_', next.cycle) } }, next.at).length === 0) throw new Error('the due cycle was refused');
            } else if (declines[outcome++ % declines.length]) {
              decide({ type: 'RecordRenewalFailure', data: { subscription_id: SUB_1, cycle: next.cycle, payment_intent_id: nthId('pi_', next.cycle * 10 + next.attempt), code: 'card_declined' } }, next.at);
            } else {
              decide({ type: 'RecordCyclePaid', data: { subscription_id: SUB_1, cycle: next.cycle } }, next.at);
            }
          }
          throw new Error('the process did not settle');
        };
        runProcess([false]);
        check(sub(), now, everPaused);
        for (const step of steps) {
          if (step.t === 'advance') {
            now = addDays(now, step.days);
            runProcess(step.declines);
          } else if (step.t === 'payElsewhere') {
            const open = sub().cycles.find((c) => !c.paid);
            if (open) {
              const wasPastDue = sub().status === 'past_due';
              decide({ type: 'RecordCyclePaid', data: { subscription_id: SUB_1, cycle: open.cycle } }, now);
              if (wasPastDue && sub().status === 'active') recovered++;
            }
          } else if (step.t === 'pause') {
            if (decide({ type: 'PauseSubscription', data: { subscription_id: SUB_1 } }, now).length > 0) everPaused = true;
          } else if (step.t === 'resume') {
            decide({ type: 'ResumeSubscription', data: { subscription_id: SUB_1 } }, now);
            runProcess([false]);
          } else {
            decide({ type: 'CancelSubscription', data: { subscription_id: SUB_1, at_period_end: step.atPeriodEnd } }, now);
          }
          check(sub(), now, everPaused);
        }
        cycles += sub().cycles.length;
        if (events.some((e) => e.type === 'SubscriptionMarkedPastDue')) pastDue++;
      }),
      // The sequences reach every path, not just the first steps.
      [atLeast('billing cycles', () => cycles, 1_001), atLeast('runs gone past due', () => pastDue, 21), atLeast('past-due subscriptions recovered', () => recovered, 6)],
      { numRuns: 500 },
    );
    expect(missed).toEqual([]);
  });
});
