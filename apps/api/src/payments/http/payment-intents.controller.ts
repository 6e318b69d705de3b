import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../../platform/api-error.js';
import { VersionedByOrder } from '../../platform/if-match.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { PaymentIntentsService, type IntentRef } from '../application/payment-intents.service.js';
import { PaymentsQueries } from '../read-model/payments.queries.js';
import {
  CancelPaymentIntentDto,
  CapturePaymentIntentDto,
  CompleteActionDto,
  ConfirmPaymentIntentDto,
  CreatePaymentIntentDto,
  ListPaymentIntentsQueryDto,
  PayOrderDto,
} from './payment-requests.dto.js';
import { PaymentIntentResponse } from './payment.responses.js';

const intentId = new IdPipe('pi_', 'id');
const orderId = new IdPipe('ord_', 'id');

/** Thin: each route maps the body to one use case, then answers with the read model's resource. */
@ApiTags('payment intents')
@ApiBearerAuth()
@Controller('v1/payment-intents')
export class PaymentIntentsController {
  constructor(
    private readonly intents: PaymentIntentsService,
    private readonly queries: PaymentsQueries,
  ) {}

  @Post()
  @ApiData(PaymentIntentResponse, 201, 'Created')
  @ApiOperation({ summary: 'Create a payment intent for an order (or a standalone amount, which creates a one-line order)' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreatePaymentIntentDto) {
    if (!dto.order_id) {
      if (dto.amount_money === undefined) throw new ApiError(400, 'MISSING_FIELD', 'amount_money is required without order_id', 'amount_money');
    }
    checkCardSource(dto);
    if (dto.off_session && dto.confirm === false) throw new ApiError(400, 'INVALID_FIELD', 'an off-session payment is confirmed at once: leave confirm out or true', 'confirm');
    if (dto.save_payment_method && !dto.payment_method) throw new ApiError(400, 'MISSING_FIELD', 'save_payment_method needs the card: send payment_method.token', 'payment_method');
    const ref = await this.intents.create(ctx, {
      ...(dto.order_id ? { order_id: dto.order_id } : {}),
      ...(dto.amount_money !== undefined ? { amount_money: dto.amount_money } : {}),
      ...(dto.customer_id ? { customer_id: dto.customer_id } : {}),
      ...(dto.payment_method ? { token: dto.payment_method.token } : {}),
      ...(dto.off_session ? { off_session: true } : {}),
      ...(dto.payment_method_id ? { payment_method_id: dto.payment_method_id } : {}),
      ...(dto.save_payment_method ? { save_payment_method: true } : {}),
      capture_method: dto.capture_method ?? 'automatic',
      confirm: dto.confirm ?? false,
    });
    return this.queries.intent(ctx, ref.intentId);
  }

  @Get()
  @ApiPage(PaymentIntentResponse)
  @ApiOperation({ summary: 'List payment intents, newest first (filters order_id, customer_id, status)' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListPaymentIntentsQueryDto) {
    return this.queries.listIntents(ctx, q);
  }

  @Get(':id')
  @ApiData(PaymentIntentResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', intentId) id: string) {
    return this.queries.intent(ctx, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  async confirm(@Ctx() ctx: RequestContext, @Param('id', intentId) id: string, @Body() dto: ConfirmPaymentIntentDto) {
    await this.intents.confirm(ctx, await this.ref(ctx, id), dto.payment_method?.token, dto.save_payment_method === true);
    return this.queries.intent(ctx, id);
  }

  @Post(':id/capture')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  async capture(@Ctx() ctx: RequestContext, @Param('id', intentId) id: string, @Body() dto: CapturePaymentIntentDto) {
    await this.intents.capture(ctx, await this.ref(ctx, id), { amountMoney: dto.amount_money, final: dto.final, reduceOrder: dto.reduce_order });
    return this.queries.intent(ctx, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  async cancel(@Ctx() ctx: RequestContext, @Param('id', intentId) id: string, @Body() dto: CancelPaymentIntentDto) {
    await this.intents.cancel(ctx, await this.ref(ctx, id), { reason: dto.reason, reduceOrder: dto.reduce_order });
    return this.queries.intent(ctx, id);
  }

  @Post(':id/complete-action')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  @ApiOperation({ summary: 'Test mode: complete (approve) or fail the 3-D Secure challenge' })
  async completeAction(@Ctx() ctx: RequestContext, @Param('id', intentId) id: string, @Body() dto: CompleteActionDto) {
    if (ctx.mode !== 'test') throw new ApiError(403, 'TEST_MODE_ONLY', 'completing a challenge through the API is a test-mode stand-in');
    await this.intents.completeAction(ctx, await this.ref(ctx, id), dto.result);
    return this.queries.intent(ctx, id);
  }

  /** Another merchant's intent is not found, exactly like an unknown one. */
  private async ref(ctx: RequestContext, id: string): Promise<IntentRef> {
    return { orderId: await this.queries.intentOrder(ctx, id), intentId: id };
  }
}

/** One card source per payment: a token given now, or a saved method (off-session or named). */
function checkCardSource(dto: { payment_method?: unknown; off_session?: boolean; payment_method_id?: string }): void {
  if (dto.payment_method && (dto.off_session || dto.payment_method_id)) {
    throw new ApiError(400, 'INVALID_FIELD', 'give either payment_method.token or a saved method (off_session / payment_method_id), not both', 'payment_method');
  }
}

@ApiTags('orders')
@ApiBearerAuth()
@VersionedByOrder()
@Controller('v1/orders')
export class OrderPaymentsController {
  constructor(
    private readonly intents: PaymentIntentsService,
    private readonly queries: PaymentsQueries,
  ) {}

  @Post(':id/pay')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  @ApiOperation({ summary: "Pay the outstanding balance now (an automatic payment intent, confirmed at once): with a card token, or off-session from the customer's saved method" })
  async pay(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: PayOrderDto) {
    checkCardSource(dto);
    if (!dto.payment_method && !dto.off_session && !dto.payment_method_id) {
      throw new ApiError(400, 'MISSING_FIELD', 'pay with payment_method.token, or with a saved method (off_session: true and/or payment_method_id)', 'payment_method');
    }
    const ref = await this.intents.pay(ctx, id, {
      ...(dto.payment_method ? { token: dto.payment_method.token } : {}),
      ...(dto.off_session ? { off_session: true } : {}),
      ...(dto.payment_method_id ? { payment_method_id: dto.payment_method_id } : {}),
    });
    return this.queries.intent(ctx, ref.intentId);
  }
}
