import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { PaymentLinksService } from '../application/payment-links.service.js';
import { PaymentLinksQueries } from '../read-model/payment-links.queries.js';
import { CreatePaymentLinkDto, PaymentLinkResponse } from './payment-links.dto.js';

const linkId = new IdPipe('plink_', 'id');

@ApiTags('payment links')
@ApiBearerAuth()
@Controller('v1/payment-links')
export class PaymentLinksController {
  constructor(
    private readonly links: PaymentLinksService,
    private readonly queries: PaymentLinksQueries,
  ) {}

  @Post()
  @ApiData(PaymentLinkResponse, 201, 'Created')
  @ApiOperation({ summary: 'Create a payment link: a reusable page; each buyer who continues gets a new order and hosted checkout' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreatePaymentLinkDto) {
    const id = await this.links.create(ctx, {
      currency: dto.currency,
      line_items: dto.line_items.map((l) => ({ ...l })),
      ...(dto.completion_limit !== undefined ? { completion_limit: dto.completion_limit } : {}),
      ...(dto.metadata ? { metadata: dto.metadata } : {}),
    });
    return this.queries.link(ctx, id);
  }

  @Get()
  @ApiPage(PaymentLinkResponse)
  list(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto) {
    return this.queries.list(ctx, { page_size: q.page_size ? Number(q.page_size) : 20, ...(q.page_token ? { page_token: q.page_token } : {}) });
  }

  @Get(':id')
  @ApiData(PaymentLinkResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', linkId) id: string) {
    return this.queries.link(ctx, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiData(PaymentLinkResponse)
  @ApiOperation({ summary: 'Stop the link opening new checkouts (open ones can still be paid)' })
  async deactivate(@Ctx() ctx: RequestContext, @Param('id', linkId) id: string) {
    await this.links.setActive(ctx, id, false);
    return this.queries.link(ctx, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiData(PaymentLinkResponse)
  async activate(@Ctx() ctx: RequestContext, @Param('id', linkId) id: string) {
    await this.links.setActive(ctx, id, true);
    return this.queries.link(ctx, id);
  }
}
