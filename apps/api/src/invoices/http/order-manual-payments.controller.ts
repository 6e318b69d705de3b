import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExistingOrder } from '#ordo/domain';
import { ApiError } from '../../platform/api-error.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { PaymentSteps } from '../../payments/application/payment-steps.js';
import { InvoicesService } from '../application/invoices.service.js';
import { toManualPaymentResource } from '../read-model/invoice-resource.js';
import { RecordManualPaymentDto, RecordManualRefundDto, ReverseManualPaymentDto } from './invoice-requests.dto.js';
import { requireOrderCurrency, toManualPaymentInput } from './manual-payment-input.js';

const orderId = new IdPipe('ord_', 'id');
const manualPaymentId = new IdPipe('mp_', 'manual_payment_id');

/** Offline money on an order, with or without an invoice: "pay online first, settle offline later". */
@ApiTags('orders')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a POST safe to retry for 24 hours' })
@Controller('v1/orders')
export class OrderManualPaymentsController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly steps: PaymentSteps,
  ) {}

  @Post(':id/manual-payments')
  @ApiOperation({ summary: 'Record money received outside Ordo on the order (it joins the invoice holding the order, if any)' })
  async record(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: RecordManualPaymentDto) {
    const order = await this.order(ctx, id);
    requireOrderCurrency(dto, order.currency);
    const mpId = await this.invoices.recordManualPayment(ctx, id, null, toManualPaymentInput(dto));
    return this.manualPayment(ctx, id, mpId);
  }

  @Post(':id/manual-payments/:manual_payment_id/reverse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reverse a recorded manual payment; the balance reopens' })
  async reverse(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('manual_payment_id', manualPaymentId) mpId: string, @Body() dto: ReverseManualPaymentDto) {
    await this.invoices.reverseManualPayment(ctx, id, null, mpId, dto.reason);
    return this.manualPayment(ctx, id, mpId);
  }

  @Post(':id/manual-refunds')
  @ApiOperation({ summary: 'Record money given back outside Ordo (the refund of money received outside Ordo); card money is refunded with POST /v1/refunds' })
  async refund(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: RecordManualRefundDto) {
    const order = await this.order(ctx, id);
    if (dto.currency !== undefined && dto.currency !== order.currency) {
      throw new ApiError(422, 'CURRENCY_MISMATCH', `currency is ${dto.currency} but the order is in ${order.currency}`, 'currency');
    }
    const refundId = await this.invoices.recordManualRefund(ctx, id, {
      amount: dto.amount,
      method: dto.method,
      refundedAt: dto.refunded_at,
      ...(dto.reference !== undefined ? { reference: dto.reference } : {}),
      ...(dto.reason !== undefined ? { reason: dto.reason } : {}),
    });
    const after = await this.order(ctx, id);
    const recorded = after.manual_refunds.find((r) => r.id === refundId);
    if (!recorded) throw new ApiError(404, 'REFUND_NOT_FOUND', `no manual refund ${refundId} on order ${id}`);
    return { id: recorded.id, object: 'manual_refund', order_id: id, amount_money: { amount: recorded.amount, currency: after.currency }, method: recorded.method, refunded_at: recorded.refunded_at, reference: recorded.reference, reason: recorded.reason, recorded_at: recorded.recorded_at };
  }

  /** Another merchant's order is not found, exactly like an unknown one. */
  private async order(ctx: RequestContext, id: string): Promise<ExistingOrder> {
    const { order } = await this.steps.load(ctx, id);
    if (!order) throw new ApiError(404, 'ORDER_NOT_FOUND', `no order ${id}`);
    return order;
  }

  private async manualPayment(ctx: RequestContext, id: string, mpId: string) {
    const order = await this.order(ctx, id);
    const mp = order.manual_payments.find((m) => m.id === mpId);
    if (!mp) throw new ApiError(404, 'MANUAL_PAYMENT_NOT_FOUND', `no manual payment ${mpId} on order ${id}`);
    return toManualPaymentResource(order, mp);
  }
}
