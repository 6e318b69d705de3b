import { Inject, Injectable } from '@nestjs/common';
import { customerDecider, customerError, isValidId, type CustomerCommand, type CustomerEvent, type ExistingCustomer } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { CommandPath } from '../../application/command-path.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { TestClockTime } from '../../billing/application/test-clock-time.js';
import { EVENT_STORE } from '../../persistence/tokens.js';
import { Clock } from '../../platform/clock.js';
import { customerStreamName } from '../customer-stream.js';

/**
 * The one way into customer streams, like OrderCommands for orders: commands run through the
 * command path at the clock's now, and the customer as its stream says now is loaded here, with
 * the same tenancy (another merchant's or the other mode's customer is none).
 */
@Injectable()
export class CustomerCommands {
  constructor(
    private readonly path: CommandPath,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clockTime: TestClockTime,
  ) {}

  async run(caller: Caller, customerId: string, command: Omit<CustomerCommand, 'now'>): Promise<{ customer: ExistingCustomer; appended: number; revision: bigint }> {
    const outcome = await this.path.run(customerDecider, customerStreamName(customerId), { ...command, now: caller.at ?? this.clockTime.forCustomer(caller, customerId) ?? this.clock.nowIso() } as CustomerCommand, caller, 'CUSTOMER_CONFLICT');
    if (outcome.state.status === 'none') throw new Error('an accepted customer command left no customer');
    return { customer: outcome.state, appended: outcome.appended.length, revision: outcome.revision };
  }

  async load(caller: Pick<Caller, 'merchantId' | 'mode'>, customerId: string): Promise<ExistingCustomer | undefined> {
    if (!isValidId('cus_', customerId)) return undefined;
    const recorded = await this.store.readStream(customerStreamName(customerId));
    const owner = recorded[0]?.metadata;
    if (!owner || owner.merchant_id !== caller.merchantId || owner.mode !== caller.mode) return undefined;
    let state = customerDecider.initialState();
    for (const e of recorded) state = customerDecider.evolve(state, { type: e.type, data: e.data } as CustomerEvent);
    return state.status === 'none' ? undefined : state;
  }

  /** The customer, or CUSTOMER_NOT_FOUND (404) naming the field that referred to them. */
  async require(caller: Pick<Caller, 'merchantId' | 'mode'>, customerId: string, field = 'customer_id'): Promise<ExistingCustomer> {
    const customer = await this.load(caller, customerId);
    if (!customer) throw customerError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`, field);
    return customer;
  }
}
