import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../../platform/api-error.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { RefundsService } from '../application/refunds.service.js';
import { PaymentsQueries } from '../read-model/payments.queries.js';
import { CreateRefundDto, ListRefundsQueryDto } from './payment-requests.dto.js';
import { RefundResponse } from './payment.responses.js';

const refundId = new IdPipe('ref_', 'id');

@ApiTags('refunds')
@ApiBearerAuth()
@Controller('v1/refunds')
export class RefundsController {
  constructor(
    private readonly refunds: RefundsService,
    private readonly queries: PaymentsQueries,
  ) {}

  @Post()
  @ApiData(RefundResponse, 201, 'Created')
  @ApiOperation({ summary: 'Refund a payment or an order: an amount, line items and quantities, or (neither) everything refundable' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateRefundDto) {
    if (!dto.payment_intent_id && !dto.order_id) throw new ApiError(400, 'MISSING_FIELD', 'give payment_intent_id or order_id', 'payment_intent_id');
    if (dto.amount_money !== undefined && dto.line_items !== undefined) throw new ApiError(400, 'INVALID_REQUEST', 'give amount_money or line_items, not both', 'amount_money');
    // The intent's order is looked up for this merchant only (404 otherwise).
    const orderId = dto.payment_intent_id ? await this.queries.intentOrder(ctx, dto.payment_intent_id) : dto.order_id!;
    if (dto.order_id && dto.order_id !== orderId) throw new ApiError(400, 'INVALID_REQUEST', 'payment_intent_id does not belong to order_id', 'order_id');
    const { refundId: id } = await this.refunds.refund(ctx, {
      orderId,
      ...(dto.payment_intent_id ? { paymentIntentId: dto.payment_intent_id } : {}),
      ...(dto.amount_money !== undefined ? { amountMoney: dto.amount_money } : {}),
      ...(dto.line_items ? { lineItems: dto.line_items.map((l) => ({ line_item_id: l.line_item_id, quantity: l.quantity })) } : {}),
      ...(dto.reason ? { reason: dto.reason } : {}),
    });
    return this.queries.refund(ctx, id);
  }

  @Get()
  @ApiPage(RefundResponse)
  list(@Ctx() ctx: RequestContext, @Query() q: ListRefundsQueryDto) {
    return this.queries.listRefunds(ctx, q);
  }

  @Get(':id')
  @ApiData(RefundResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', refundId) id: string) {
    return this.queries.refund(ctx, id);
  }
}
