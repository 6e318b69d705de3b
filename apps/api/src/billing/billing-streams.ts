import { Inject, Injectable } from '@nestjs/common';
import {
  planDecider,
  subscriptionDecider,
  testClockDecider,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
  type SubscriptionCommand,
  type SubscriptionEvent,
  type SubscriptionState,
  type TestClockCommand,
  type TestClockEvent,
  type TestClockState,
} from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { AggregateStream } from '../application/aggregate-stream.js';
import { CommandPath } from '../application/command-path.js';
import { EVENT_STORE } from '../persistence/tokens.js';
import { Clock } from '../platform/clock.js';

export const PLAN_STREAM_PREFIX = 'plan-';
export const SUBSCRIPTION_STREAM_PREFIX = 'subscription-';
export const TEST_CLOCK_STREAM_PREFIX = 'test-clock-';

/** The streams of the billing aggregates: one per plan, per subscription, per test clock. */
@Injectable()
export class BillingStreams {
  readonly plans: AggregateStream<PlanCommand, PlanEvent, PlanState>;
  readonly subscriptions: AggregateStream<SubscriptionCommand, SubscriptionEvent, SubscriptionState>;
  readonly clocks: AggregateStream<TestClockCommand, TestClockEvent, TestClockState>;

  constructor(path: CommandPath, @Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    this.plans = new AggregateStream(path, store, clock, planDecider, PLAN_STREAM_PREFIX, 'PLAN_CONFLICT');
    this.subscriptions = new AggregateStream(path, store, clock, subscriptionDecider, SUBSCRIPTION_STREAM_PREFIX, 'SUBSCRIPTION_CONFLICT');
    this.clocks = new AggregateStream(path, store, clock, testClockDecider, TEST_CLOCK_STREAM_PREFIX, 'TEST_CLOCK_CONFLICT');
  }
}
