import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExistingOrder } from '#ordo/domain';
import { ApiError } from '../../platform/api-error.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { PaymentSteps } from '../../payments/application/payment-steps.js';
import { InvoicesService } from '../application/invoices.service.js';
import { toManualPaymentResource } from '../read-model/invoice-resource.js';
import { RecordManualPaymentDto, ReverseManualPaymentDto } from './invoice-requests.dto.js';
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
