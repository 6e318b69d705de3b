import { Inject, Injectable } from '@nestjs/common';
import { customerDecider, customerError, isValidId, type CustomerCommand, type CustomerEvent, type CustomerState, type ExistingCustomer } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { AggregateStream } from '../../application/aggregate-stream.js';
import { CommandPath } from '../../application/command-path.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { TestClockTime } from '../../billing/application/test-clock-time.js';
import { EVENT_STORE } from '../../persistence/tokens.js';
import { Clock } from '../../platform/clock.js';
import { CUSTOMER_STREAM_PREFIX } from '../customer-stream.js';

/**
 * The one way into customer streams, like OrderCommands for orders: commands run through the
 * command path at the customer's time (a test clock's, else the clock's now), and the customer
 * as its stream says now is loaded here, with the command path's tenancy (another merchant's or
 * the other mode's customer is none).
 */
@Injectable()
export class CustomerCommands {
  private readonly streams: AggregateStream<CustomerCommand, CustomerEvent, CustomerState>;

  constructor(
    path: CommandPath,
    clock: Clock,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly clockTime: TestClockTime,
  ) {
    this.streams = new AggregateStream(path, store, clock, customerDecider, CUSTOMER_STREAM_PREFIX, 'CUSTOMER_CONFLICT');
  }

  async run(caller: Caller, customerId: string, command: Omit<CustomerCommand, 'now'>): Promise<{ customer: ExistingCustomer; appended: number; revision: bigint }> {
    const at = caller.at ?? (await this.clockTime.forCustomer(caller, customerId));
    const { state, appended, revision } = await this.streams.run(at ? { ...caller, at } : caller, customerId, command);
    return { customer: state, appended: appended.length, revision };
  }

  load(caller: Pick<Caller, 'merchantId' | 'mode'>, customerId: string): Promise<ExistingCustomer | undefined> {
    return isValidId('cus_', customerId) ? this.streams.load(caller, customerId) : Promise.resolve(undefined);
  }

  /** The customer, or CUSTOMER_NOT_FOUND (404) naming the field that referred to them. */
  async require(caller: Pick<Caller, 'merchantId' | 'mode'>, customerId: string, field = 'customer_id'): Promise<ExistingCustomer> {
    const customer = await this.load(caller, customerId);
    if (!customer) throw customerError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`, field);
    return customer;
  }
}
