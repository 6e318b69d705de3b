import { Inject, Injectable } from '@nestjs/common';
import { isValidId, orderDecider, type ExistingOrder, type OrderCommand, type OrderState } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { CommandPath, type CommandOutcome } from '../../application/command-path.js';
import { EVENT_STORE } from '../../persistence/tokens.js';
import { TestClockTime } from '../../billing/application/test-clock-time.js';
import { CustomerCommands } from '../../customers/application/customer-commands.js';
import { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/request-context.js';
import { orderStreamName } from '../order-stream.js';

/**
 * Who runs a command. `at`: the time a process acts at instead of the clock's now — the billing
 * process acting for a test clock's customer, or at the instant a step fell due.
 */
export type Caller = Pick<RequestContext, 'merchantId' | 'mode' | 'requestId' | 'idempotencyKey' | 'idempotencyClaim' | 'expectedVersion' | 'at'>;

/** The well-formed customer id a command names (a malformed one is the decider's INVALID_ID to give). */
function customerNamedBy(given: Omit<OrderCommand, 'now'>): string[] {
  const command = given as OrderCommand;
  const named =
    command.type === 'CreateOrder' || command.type === 'CreatePaymentIntent' || command.type === 'CreateInvoice'
      ? command.data.customer_id
      : command.type === 'UpdateOrderDetails'
        ? (command.data.changes as { customer_id?: unknown } | undefined)?.customer_id
        : undefined;
  return isValidId('cus_', named) ? [named] : [];
}

/** The events of one order's stream, oldest first. */
export type OrderHistory = readonly { type: string; data: Record<string, unknown> }[];

/**
 * The one way into order streams: every order command of every feature (orders, payments,
 * invoices, manual money, jobs) is run here through the command path, and the order as its
 * stream says now is loaded here. The stream name, the decider and the conflict code live here.
 */
@Injectable()
export class OrderCommands {
  constructor(
    private readonly path: CommandPath,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly customers: CustomerCommands,
    private readonly clockTime: TestClockTime,
  ) {}

  /**
   * Commands on one order as one append (all or nothing), decided at the clock's now. A customer
   * a command names must exist for this merchant and mode (CUSTOMER_NOT_FOUND): checked here, once
   * for every feature. Customers are never deleted, so the check cannot go stale before the append.
   */
  async execute(caller: Caller, orderId: string, commands: readonly Omit<OrderCommand, 'now'>[]): Promise<CommandOutcome<OrderState>> {
    const named = [...new Set(commands.flatMap(customerNamedBy))];
    for (const customerId of named) await this.customers.require(caller, customerId);
    // A test clock's customer's orders live at the clock's time (due dates, expiries, dates of facts).
    // A command creating the order, naming no customer, has no customer's clock to look up: were the
    // id taken, the creation is refused whatever its time (the hot path of POST /v1/orders).
    const creates = commands[0].type === 'CreateOrder' && named.length === 0;
    const clockTime = caller.at ?? (creates ? undefined : await this.clockTime.forOrder(caller, orderId, named[0]));
    const now = clockTime ?? this.clock.nowIso();
    return this.path.runAll(orderDecider, orderStreamName(orderId), commands.map((c) => ({ ...c, now }) as OrderCommand), caller, 'ORDER_CONFLICT');
  }

  /** Runs one order command; the answer is the folded order. */
  async run(caller: Caller, orderId: string, command: Omit<OrderCommand, 'now'>): Promise<ExistingOrder> {
    return (await this.runAll(caller, orderId, [command])).order;
  }

  /** Runs order commands as one append; the answer carries the order and its history. */
  async runAll(caller: Caller, orderId: string, commands: Omit<OrderCommand, 'now'>[]): Promise<{ order: ExistingOrder; history: OrderHistory; appended: number }> {
    const outcome = await this.execute(caller, orderId, commands);
    if (outcome.state.status === 'none') throw new Error('an accepted order command left no order');
    return { order: outcome.state, history: outcome.history as OrderHistory, appended: outcome.appended.length };
  }

  /** The order as its stream says now (tenancy as in the command path: another merchant's is none). */
  async load(caller: Caller, orderId: string): Promise<{ order: ExistingOrder | undefined; events: OrderHistory }> {
    const { recorded, history, state } = await this.path.folds.load(this.store, orderDecider, orderStreamName(orderId));
    const owner = recorded[0]?.metadata;
    if (!owner || owner.merchant_id !== caller.merchantId || owner.mode !== caller.mode) return { order: undefined, events: [] };
    return { order: state.status === 'none' ? undefined : state, events: history as OrderHistory };
  }
}
