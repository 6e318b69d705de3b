import { Injectable } from '@nestjs/common';
import { billingError, chargeableMethod } from '#ordo/domain';
import { CustomerCommands } from '../../customers/application/customer-commands.js';
import { InvoiceScheduler } from '../../invoices/application/invoice-scheduler.js';
import { AuthorizationExpiry } from '../../payments/application/authorization-expiry.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { ApiError } from '../../platform/api-error.js';
import type { RequestContext } from '../../platform/request-context.js';
import { BillingStreams } from '../billing-streams.js';
import { BillingQueries } from '../read-model/billing.queries.js';
import { SubscriptionBilling } from './subscription-billing.js';

export interface CreatePlanInput {
  name: unknown;
  currency: unknown;
  interval: unknown;
  interval_count?: unknown;
  line_items: unknown;
  trial_days?: unknown;
  metadata?: unknown;
}

/** How many subscriptions of one test clock are billed side by side while it advances. */
const ADVANCE_CONCURRENCY = 4;

/** The plan, subscription and test-clock use cases. */
@Injectable()
export class BillingService {
  constructor(
    private readonly streams: BillingStreams,
    private readonly customers: CustomerCommands,
    private readonly billing: SubscriptionBilling,
    private readonly queries: BillingQueries,
    private readonly expiry: AuthorizationExpiry,
    private readonly invoices: InvoiceScheduler,
  ) {}

  async createPlan(ctx: RequestContext, input: CreatePlanInput): Promise<string> {
    const id = ctx.ids.next('plan_');
    await this.streams.plans.run(ctx, id, { type: 'CreatePlan', data: { plan_id: id, ...input } });
    return id;
  }

  async archivePlan(ctx: RequestContext, id: string): Promise<void> {
    await this.streams.plans.run(ctx, id, { type: 'ArchivePlan', data: { plan_id: id } });
  }

  /**
   * For a customer with a usable off-session default method (refused with the method's own code
   * otherwise); billed at the customer's test clock's time when they have one. The first cycle
   * (unless there is a trial) is billed before the answer.
   */
  async createSubscription(ctx: RequestContext, input: { customer_id: string; plan_id: string; metadata?: unknown }): Promise<string> {
    const customer = await this.customers.require(ctx, input.customer_id);
    const plan = await this.streams.plans.load(ctx, input.plan_id);
    if (!plan) throw billingError('PLAN_NOT_FOUND', `no plan ${input.plan_id}`, 'plan_id');
    const at = await this.billing.timeFor(ctx, customer);
    chargeableMethod(customer, { customer_id: customer.id, off_session: true, now: at });
    const id = ctx.ids.next('sub_');
    await this.streams.subscriptions.run({ ...ctx, at }, id, {
      type: 'CreateSubscription',
      data: { subscription_id: id, customer_id: customer.id, plan, test_clock_id: customer.test_clock_id, ...(input.metadata !== undefined ? { metadata: input.metadata } : {}) },
    });
    await this.billing.run(ctx, id);
    return id;
  }

  private async atSubscriptionTime(ctx: RequestContext, id: string): Promise<Caller> {
    const sub = await this.streams.subscriptions.load(ctx, id);
    if (!sub) throw billingError('SUBSCRIPTION_NOT_FOUND', `no subscription ${id}`, 'id');
    return { ...ctx, at: await this.billing.timeFor(ctx, sub) };
  }

  async cancel(ctx: RequestContext, id: string, atPeriodEnd: boolean): Promise<void> {
    await this.streams.subscriptions.run(await this.atSubscriptionTime(ctx, id), id, { type: 'CancelSubscription', data: { subscription_id: id, at_period_end: atPeriodEnd } });
  }

  async pause(ctx: RequestContext, id: string): Promise<void> {
    await this.streams.subscriptions.run(await this.atSubscriptionTime(ctx, id), id, { type: 'PauseSubscription', data: { subscription_id: id } });
  }

  /** Resuming bills what is due at once (a cycle whose period begins now). */
  async resume(ctx: RequestContext, id: string): Promise<void> {
    await this.streams.subscriptions.run(await this.atSubscriptionTime(ctx, id), id, { type: 'ResumeSubscription', data: { subscription_id: id } });
    await this.billing.run(ctx, id);
  }

  /** Test mode only: live mode has the real clock and nothing else. */
  async createTestClock(ctx: RequestContext, input: { frozen_time: unknown; name?: unknown }): Promise<string> {
    if (ctx.mode !== 'test') throw new ApiError(403, 'TEST_MODE_ONLY', 'test clocks exist in test mode only: use a test key');
    const id = ctx.ids.next('clock_');
    await this.streams.clocks.run(ctx, id, { type: 'CreateTestClock', data: { test_clock_id: id, frozen_time: input.frozen_time, ...(input.name !== undefined ? { name: input.name } : {}) } });
    return id;
  }

  /**
   * Moves the clock, then bills every subscription of its customers up to the new time, each
   * step at the instant it fell due (renewals, retries, past_due), then expires their holds and
   * marks their invoices overdue and reminds (at the new time), before answering.
   */
  async advanceTestClock(ctx: RequestContext, id: string, frozenTime: unknown): Promise<void> {
    if (ctx.mode !== 'test') throw new ApiError(403, 'TEST_MODE_ONLY', 'test clocks exist in test mode only: use a test key');
    const { state } = await this.streams.clocks.run(ctx, id, { type: 'AdvanceTestClock', data: { test_clock_id: id, frozen_time: frozenTime } });
    const pending = [...(await this.queries.subscriptionsOnClock(ctx, id))];
    const worker = async () => {
      for (let next = pending.shift(); next !== undefined; next = pending.shift()) await this.billing.run(ctx, next, state.frozen_time);
    };
    await Promise.all(Array.from({ length: ADVANCE_CONCURRENCY }, worker));
    await this.billing.reconcilePaid();
    // The clock's customers' other time-driven facts: holds that expired, invoices overdue and reminded.
    const scope = { merchantId: ctx.merchantId, mode: ctx.mode, testClockId: id };
    await this.expiry.expireForTestClock(scope, state.frozen_time);
    await this.invoices.runForTestClock(scope, state.frozen_time);
  }
}
