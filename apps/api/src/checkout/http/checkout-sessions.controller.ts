import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../../platform/api-error.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { CheckoutSessionsService } from '../application/checkout-sessions.service.js';
import { CheckoutSessionsQueries } from '../read-model/checkout-sessions.queries.js';
import { CreateCheckoutSessionDto, ListCheckoutSessionsQueryDto } from './checkout-requests.dto.js';
import { CheckoutSessionResponse } from './checkout.responses.js';

const sessionId = new IdPipe('cs_', 'id');

@ApiTags('checkout sessions')
@ApiBearerAuth()
@Controller('v1/checkout-sessions')
export class CheckoutSessionsController {
  constructor(
    private readonly sessions: CheckoutSessionsService,
    private readonly queries: CheckoutSessionsQueries,
  ) {}

  @Post()
  @ApiData(CheckoutSessionResponse, 201, 'Created')
  @ApiOperation({ summary: 'Open a hosted checkout for an order (or a quick-pay sale from line_items); send the buyer to its url' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateCheckoutSessionDto) {
    if (!dto.order_id === !dto.line_items) throw new ApiError(400, dto.order_id ? 'INVALID_FIELD' : 'MISSING_FIELD', 'give either order_id or line_items (quick pay)', dto.order_id ? 'line_items' : 'order_id');
    if (dto.order_id && (dto.customer_id || dto.metadata)) throw new ApiError(400, 'INVALID_FIELD', 'customer_id and metadata describe the new order of a quick-pay session: set them on the order instead', dto.customer_id ? 'customer_id' : 'metadata');
    const { sessionId: id } = await this.sessions.create(ctx, {
      ...(dto.order_id ? { order_id: dto.order_id } : {}),
      ...(dto.line_items ? { line_items: dto.line_items.map((l) => ({ name: l.name, quantity: l.quantity ?? 1, unit_price_money: l.unit_price_money })), currency: dto.line_items[0]!.unit_price_money.currency } : {}),
      ...(dto.customer_id ? { customer_id: dto.customer_id } : {}),
      ...(dto.metadata ? { metadata: dto.metadata } : {}),
      success_url: dto.success_url,
      cancel_url: dto.cancel_url,
      ...(dto.expires_at ? { expires_at: dto.expires_at } : {}),
      ...(dto.allow_save_card !== undefined ? { allow_save_card: dto.allow_save_card } : {}),
      ...(dto.replace_checkout_session_id ? { replace_checkout_session_id: dto.replace_checkout_session_id } : {}),
    });
    return this.queries.session(ctx, id);
  }

  @Get()
  @ApiPage(CheckoutSessionResponse)
  @ApiOperation({ summary: 'List checkout sessions, newest first (filters order_id, status, payment_link_id)' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListCheckoutSessionsQueryDto) {
    return this.queries.list(
      ctx,
      { page_size: q.page_size ? Number(q.page_size) : 20, ...(q.page_token ? { page_token: q.page_token } : {}) },
      { ...(q.order_id ? { order_id: q.order_id } : {}), ...(q.status ? { status: q.status } : {}), ...(q.payment_link_id ? { payment_link_id: q.payment_link_id } : {}) },
    );
  }

  @Get(':id')
  @ApiData(CheckoutSessionResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', sessionId) id: string) {
    return this.queries.session(ctx, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiData(CheckoutSessionResponse)
  @ApiOperation({ summary: 'Close an open session: its page stops taking payments and the order is free for another collector' })
  async close(@Ctx() ctx: RequestContext, @Param('id', sessionId) id: string) {
    await this.sessions.close(ctx, id);
    return this.queries.session(ctx, id);
  }
}
