import { Injectable } from '@nestjs/common';
import { billingError, type CustomerChanges, type CustomerDetails, type PaymentMethodUsage } from '#ordo/domain';
import { BillingStreams } from '../../billing/billing-streams.js';
import { ApiError } from '../../platform/api-error.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { cardForToken } from '../../payments/processor/card-for-token.js';
import { PaymentProcessors } from '../../payments/processor/payment-processors.js';
import type { RequestContext } from '../../platform/request-context.js';
import { CustomerCommands } from './customer-commands.js';

/** The customer and saved-method use cases: each is one customer command. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomerCommands,
    private readonly processors: PaymentProcessors,
    private readonly billing: BillingStreams,
  ) {}

  /** A test clock the customer is attached to must exist in this merchant's test mode. */
  async create(ctx: RequestContext, details: Partial<Record<keyof CustomerDetails, unknown>>, testClockId?: string): Promise<string> {
    let at: string | undefined;
    if (testClockId !== undefined) {
      if (ctx.mode !== 'test') throw new ApiError(403, 'TEST_MODE_ONLY', 'test clocks exist in test mode only: use a test key', 'test_clock_id');
      const clock = await this.billing.clocks.load(ctx, testClockId);
      if (!clock) throw billingError('TEST_CLOCK_NOT_FOUND', `no test clock ${testClockId}`, 'test_clock_id');
      at = clock.frozen_time;
    }
    const id = ctx.ids.next('cus_');
    // A test clock's customer is created at the clock's time, like everything after.
    await this.customers.run(at ? { ...ctx, at } : ctx, id, { type: 'CreateCustomer', data: { customer_id: id, ...details, ...(testClockId !== undefined ? { test_clock_id: testClockId } : {}) } });
    return id;
  }

  async update(ctx: RequestContext, id: string, changes: Partial<Record<keyof CustomerChanges, unknown>>): Promise<void> {
    await this.customers.run(ctx, id, { type: 'UpdateCustomer', data: { customer_id: id, changes } });
  }

  /**
   * The processor describes the token (a token it never issued to this merchant is NO_SUCH_TOKEN);
   * only its token, brand, last4 and expiry reach the customer's stream.
   */
  async savePaymentMethod(ctx: RequestContext, customerId: string, input: { token: string; usage: PaymentMethodUsage; setDefault?: boolean }): Promise<string> {
    await this.customers.require(ctx, customerId, 'id');
    const card = await cardForToken(this.processors.require(ctx.mode), ctx, input.token, 'token');
    return this.saveCard(ctx, customerId, ctx.ids.next('pm_'), card, input.usage, input.setDefault);
  }

  /** Saves a card already described by the processor (a payment's card, saved once it went through). */
  async saveCard(caller: Caller, customerId: string, paymentMethodId: string, card: { token: string; brand: string; last4: string; exp_month: number; exp_year: number }, usage: PaymentMethodUsage, setDefault?: boolean): Promise<string> {
    const { token, brand, last4, exp_month, exp_year } = card;
    await this.customers.run(caller, customerId, {
      type: 'SavePaymentMethod',
      data: { customer_id: customerId, payment_method_id: paymentMethodId, payment_method: { token, brand, last4, exp_month, exp_year }, usage, set_default: setDefault ?? null },
    });
    return paymentMethodId;
  }

  async setDefault(ctx: RequestContext, customerId: string, paymentMethodId: string): Promise<void> {
    await this.customers.run(ctx, customerId, { type: 'SetDefaultPaymentMethod', data: { customer_id: customerId, payment_method_id: paymentMethodId } });
  }

  async remove(ctx: RequestContext, customerId: string, paymentMethodId: string): Promise<void> {
    await this.customers.run(ctx, customerId, { type: 'RemovePaymentMethod', data: { customer_id: customerId, payment_method_id: paymentMethodId } });
  }
}
