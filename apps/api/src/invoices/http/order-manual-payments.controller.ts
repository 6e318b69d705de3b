import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../../platform/api-error.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { VersionedByOrder } from '../../platform/if-match.js';
import { ApiData } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { OrdersQueries } from '../../orders/read-model/orders.queries.js';
import { InvoicesService } from '../application/invoices.service.js';
import { toManualPaymentResource, toManualRefundResource } from '../read-model/invoice-resource.js';
import { ManualPaymentResponse, ManualRefundResponse } from './invoice.responses.js';
import { RecordManualPaymentDto, RecordManualRefundDto, ReverseManualPaymentDto } from './invoice-requests.dto.js';
import { toManualPaymentInput } from './manual-payment-input.js';

const orderId = new IdPipe('ord_', 'id');
const manualPaymentId = new IdPipe('mp_', 'manual_payment_id');

/**
 * Offline money on an order, with or without an invoice: "pay online first, settle offline later".
 * Reads go to the orders read model (tenant-scoped: another merchant's order is a 404 like an
 * unknown one; the command path has waited for it, so the answer shows the write).
 */
@ApiTags('orders')
@ApiBearerAuth()
@VersionedByOrder()
@Controller('v1/orders')
export class OrderManualPaymentsController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly orders: OrdersQueries,
  ) {}

  @Post(':id/manual-payments')
  @ApiData(ManualPaymentResponse, 201)
  @ApiOperation({ summary: 'Record money received outside Ordo on the order (it joins the invoice holding the order, if any)' })
  async record(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: RecordManualPaymentDto) {
    const mpId = await this.invoices.recordManualPayment(ctx, id, null, toManualPaymentInput(dto));
    return this.manualPayment(ctx, id, mpId);
  }

  @Post(':id/manual-payments/:manual_payment_id/reverse')
  @HttpCode(200)
  @ApiData(ManualPaymentResponse)
  @ApiOperation({ summary: 'Reverse a recorded manual payment; the balance reopens' })
  async reverse(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('manual_payment_id', manualPaymentId) mpId: string, @Body() dto: ReverseManualPaymentDto) {
    await this.invoices.reverseManualPayment(ctx, id, null, mpId, dto.reason);
    return this.manualPayment(ctx, id, mpId);
  }

  @Post(':id/manual-refunds')
  @ApiData(ManualRefundResponse, 201)
  @ApiOperation({ summary: 'Record money given back outside Ordo (the refund of money received outside Ordo); card money is refunded with POST /v1/refunds' })
  async refund(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: RecordManualRefundDto) {
    const refundId = await this.invoices.recordManualRefund(ctx, id, {
      amountMoney: dto.amount_money,
      method: dto.method,
      refundedAt: dto.refunded_at,
      ...(dto.reference !== undefined ? { reference: dto.reference } : {}),
      ...(dto.reason !== undefined ? { reason: dto.reason } : {}),
    });
    const order = await this.orders.state(ctx, id);
    const refund = order.manual_refunds.find((r) => r.id === refundId);
    if (!refund) throw new ApiError(404, 'REFUND_NOT_FOUND', `no manual refund ${refundId} on order ${id}`);
    return toManualRefundResource(order, refund);
  }

  private async manualPayment(ctx: RequestContext, id: string, mpId: string) {
    const order = await this.orders.state(ctx, id);
    const mp = order.manual_payments.find((m) => m.id === mpId);
    if (!mp) throw new ApiError(404, 'MANUAL_PAYMENT_NOT_FOUND', `no manual payment ${mpId} on order ${id}`);
    return toManualPaymentResource(order, mp);
  }
}
