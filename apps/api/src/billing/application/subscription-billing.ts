import { Injectable, Logger } from '@nestjs/common';
import { computeOrderTotals, DomainError, nextBillingStep, orderBalance, type ExistingOrder, type ExistingSubscription, type OrderCommand } from '#ordo/domain';
import { OrderCommands, type Caller } from '../../orders/application/order-commands.js';
import { PaymentIntentsService } from '../../payments/application/payment-intents.service.js';
import { Clock } from '../../platform/clock.js';
import { IdMinter, randomId } from '../../platform/ids.js';
import type { RequestContext } from '../../platform/request-context.js';
import { ServerSecrets } from '../../platform/server-secrets.js';
import { BillingStreams } from '../billing-streams.js';
import { BillingQueries } from '../read-model/billing.queries.js';

type Tenant = Pick<Caller, 'merchantId' | 'mode'>;

/** A saved-method refusal is an attempt that failed like a decline: the cycle follows the retry schedule. */
const CHARGE_REFUSALS = new Set(['NO_DEFAULT_PAYMENT_METHOD', 'PAYMENT_METHOD_EXPIRED', 'PAYMENT_METHOD_REMOVED', 'PAYMENT_METHOD_NOT_OFF_SESSION', 'PAYMENT_METHOD_NOT_FOUND']);
/** Another run got there first: reload and ask again. */
const ALREADY_DONE = new Set(['BILLING_CYCLE_MISMATCH', 'RETRY_NOT_DUE', 'RENEWAL_NOT_DUE', 'ORDER_ALREADY_EXISTS']);
/** A year of weekly cycles with every retry, and then some: one run never loops for ever. */
const MAX_STEPS = 1_000;

const isPaid = (order: ExistingOrder) => {
  const total = computeOrderTotals(order).total;
  return total > 0 && orderBalance(total, order).outstanding === 0;
};

/**
 * The billing process. It keeps nothing in memory: each step is read off the subscription's
 * stream (nextBillingStep) and its ids are derived from the subscription, the cycle and the
 * attempt, so a crashed or repeated run lands on what the first one wrote — one order per cycle
 * (its id is the cycle's; CreateOrder on an existing order is ORDER_ALREADY_EXISTS), at most one
 * charge in flight per cycle (the intent id is the attempt's), and a started attempt is finished
 * by the payment recovery job, never called twice.
 */
@Injectable()
export class SubscriptionBilling {
  private readonly logger = new Logger('SubscriptionBilling');

  constructor(
    private readonly streams: BillingStreams,
    private readonly orders: OrderCommands,
    private readonly intents: PaymentIntentsService,
    private readonly secrets: ServerSecrets,
    private readonly clock: Clock,
    private readonly queries: BillingQueries,
  ) {}

  /** The time a subscription is billed at: its test clock's, or the real now. */
  async timeFor(tenant: Tenant, sub: Pick<ExistingSubscription, 'test_clock_id'>): Promise<string> {
    if (sub.test_clock_id === null) return this.clock.nowIso();
    const clock = await this.streams.clocks.load(tenant, sub.test_clock_id);
    return clock?.frozen_time ?? this.clock.nowIso();
  }

  /** Every step due up to `until` (default: the subscription's time), oldest first. Answers the steps taken. */
  async run(tenant: Tenant, subscriptionId: string, until?: string): Promise<number> {
    for (let steps = 0; steps < MAX_STEPS; steps++) {
      const sub = await this.streams.subscriptions.load(tenant, subscriptionId);
      if (!sub) return steps;
      const limit = until ?? (await this.timeFor(tenant, sub));
      const step = nextBillingStep(sub, limit);
      if (!step) return steps;
      // A test clock's subscription acts at the instant each step fell due, so a year's advance
      // reads as a year of renewals; on the real clock facts are dated when they happen.
      const at = sub.test_clock_id === null ? this.clock.nowIso() : step.at;
      const caller: Caller = { merchantId: tenant.merchantId, mode: tenant.mode, requestId: randomId('req_'), at };
      const progressed = step.type === 'start_cycle' ? await this.startCycle(caller, sub, step.cycle) : await this.charge(caller, sub, step.cycle, step.attempt);
      if (!progressed) return steps;
    }
    this.logger.warn({ subscriptionId }, 'billing run stopped after the step limit');
    return MAX_STEPS;
  }

  /** Cycles whose order got paid some other way (a wire, an invoice, a support charge) are marked paid. */
  async reconcilePaid(): Promise<number> {
    let marked = 0;
    for (const row of await this.queries.cyclesPaidMeanwhile()) {
      const tenant = { merchantId: row.merchant_id, mode: row.mode };
      // Dated when the order got paid (its last fact): a test clock's advance may have moved on since.
      const caller: Caller = { ...tenant, requestId: randomId('req_'), at: row.paid_at };
      await this.recordPaid(caller, row.subscription_id, row.cycle);
      marked++;
    }
    return marked;
  }

  private ids(scope: string): IdMinter {
    return new IdMinter({ secret: this.secrets.idSecret, scope });
  }

  private cycleIds(subscriptionId: string, cycle: number): IdMinter {
    return this.ids(`subscription-cycle\u0000${subscriptionId}\u0000${cycle}`);
  }

  private async startCycle(caller: Caller, sub: ExistingSubscription, cycle: number): Promise<boolean> {
    const orderId = this.cycleIds(sub.id, cycle).next('ord_');
    try {
      const { state } = await this.streams.subscriptions.run(caller, sub.id, { type: 'StartBillingCycle', data: { subscription_id: sub.id, cycle, order_id: orderId } });
      if (state.last_cycle === cycle) await this.ensureOrder(caller, state, cycle);
    } catch (error) {
      if (!(error instanceof DomainError && ALREADY_DONE.has(error.code))) throw error;
    }
    return true;
  }

  /** The cycle's order, created once: the same ids every time, ORDER_ALREADY_EXISTS after the first. */
  private async ensureOrder(caller: Caller, sub: ExistingSubscription, cycle: number): Promise<string> {
    const ids = this.cycleIds(sub.id, cycle);
    const orderId = ids.next('ord_');
    const command: Omit<OrderCommand, 'now'> = {
      type: 'CreateOrder',
      data: {
        order_id: orderId,
        currency: sub.terms.currency,
        customer_id: sub.customer_id,
        subscription: { subscription_id: sub.id, cycle },
        line_items: sub.terms.line_items.map((line) => ({ id: ids.next('li_'), name: line.name, quantity: line.quantity, unit_price_money: line.unit_price_money })),
      },
    };
    try {
      await this.orders.run(caller, orderId, command);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ORDER_ALREADY_EXISTS')) throw error;
    }
    return orderId;
  }

  /**
   * One off-session attempt for an open cycle. The attempt's intent id is derived, so after a crash
   * the intent found on the order is this attempt: settled → record it; still processing → leave it
   * to the payment recovery job (false: nothing more to do now).
   */
  private async charge(caller: Caller, sub: ExistingSubscription, cycle: number, attempt: number): Promise<boolean> {
    const orderId = await this.ensureOrder(caller, sub, cycle);
    const scope = `subscription-charge\u0000${sub.id}\u0000${cycle}\u0000${attempt}`;
    const intentId = this.ids(scope).next('pi_');
    let order = (await this.orders.load(caller, orderId)).order;
    if (!order) throw new Error(`order ${orderId} of cycle ${cycle} vanished`);
    if (isPaid(order)) return this.recordPaid(caller, sub.id, cycle);
    if (!order.payment_intents.some((pi) => pi.id === intentId)) {
      const ctx: RequestContext = { merchantId: caller.merchantId, mode: caller.mode, requestId: caller.requestId, ids: this.ids(scope), ...(caller.at ? { at: caller.at } : {}) };
      try {
        await this.intents.create(ctx, { order_id: orderId, customer_id: sub.customer_id, capture_method: 'automatic', confirm: true, off_session: true });
      } catch (error) {
        if (error instanceof DomainError && CHARGE_REFUSALS.has(error.code)) return this.recordFailure(caller, sub.id, cycle, intentId, error.code.toLowerCase());
        if (!(error instanceof DomainError && ['NOTHING_OUTSTANDING', 'PAYMENT_IN_PROGRESS', 'PAYMENT_INTENT_ALREADY_EXISTS'].includes(error.code))) throw error;
      }
      order = (await this.orders.load(caller, orderId)).order!;
    }
    if (isPaid(order)) return this.recordPaid(caller, sub.id, cycle);
    const intent = order.payment_intents.find((pi) => pi.id === intentId);
    if (intent?.status === 'requires_payment_method' && intent.last_error) return this.recordFailure(caller, sub.id, cycle, intentId, intent.last_error.code);
    return false;
  }

  private async recordPaid(caller: Caller, subscriptionId: string, cycle: number): Promise<boolean> {
    await this.streams.subscriptions.run(caller, subscriptionId, { type: 'RecordCyclePaid', data: { subscription_id: subscriptionId, cycle } });
    return true;
  }

  private async recordFailure(caller: Caller, subscriptionId: string, cycle: number, intentId: string, code: string): Promise<boolean> {
    try {
      await this.streams.subscriptions.run(caller, subscriptionId, { type: 'RecordRenewalFailure', data: { subscription_id: subscriptionId, cycle, payment_intent_id: intentId, code } });
    } catch (error) {
      if (!(error instanceof DomainError && ALREADY_DONE.has(error.code))) throw error;
    }
    return true;
  }
}
