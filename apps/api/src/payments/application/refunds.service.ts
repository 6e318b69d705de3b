import { Injectable } from '@nestjs/common';
import { OrderCommands } from '../../orders/application/order-commands.js';
import type { Money, RefundLineInput, RefundReason } from '#ordo/domain';
import type { RequestContext } from '../../platform/request-context.js';
import { PaymentProcessors } from '../processor/payment-processors.js';
import { PaymentSteps } from './payment-steps.js';

export interface RefundInput {
  orderId: string;
  paymentIntentId?: string;
  amountMoney?: Money;
  lineItems?: RefundLineInput[];
  reason?: RefundReason;
}

/**
 * RequestRefund reserves the amount on the order's revision (so concurrent refunds can never
 * over-refund), then the processor is asked once per part (per payment the refund takes money
 * from), each with its own attempt key, and each answer settles its part.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly orders: OrderCommands,
    private readonly steps: PaymentSteps,
    private readonly processors: PaymentProcessors,
  ) {}

  async refund(ctx: RequestContext, input: RefundInput): Promise<{ orderId: string; refundId: string }> {
    this.processors.require(ctx.mode);
    const refundId = ctx.ids.next('ref_');
    const attemptKey = ctx.ids.next('att_');
    const order = await this.orders.run(ctx, input.orderId, {
      type: 'RequestRefund',
      data: {
        order_id: input.orderId,
        refund_id: refundId,
        attempt_key: attemptKey,
        payment_intent_id: input.paymentIntentId ?? null,
        amount_money: input.amountMoney ?? null,
        line_items: input.lineItems ?? null,
        reason: input.reason ?? null,
      },
    });
    const refund = order.refunds.find((r) => r.id === refundId);
    // One part after the other: a part left unanswered by a crash is finished by the recovery job.
    for (const call of refund ? this.steps.callsForRefund(order, refund) : []) await this.steps.callAndRecord(ctx, order.id, refundId, call);
    return { orderId: order.id, refundId };
  }
}
