import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { WebhookEndpointsService } from '../application/webhook-endpoints.service.js';
import { WebhookEndpointsQueries } from '../read-model/webhook-endpoints.queries.js';
import {
  CreateWebhookEndpointDto,
  DeletedWebhookEndpointResponse,
  ListDeliveriesQueryDto,
  RotateSecretDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from './webhook-endpoints.dto.js';

const endpointId = new IdPipe('whep_', 'id');
const deliveryId = new IdPipe('whd_', 'delivery_id');
const pageOf = (q: PageQueryDto) => ({ page_size: q.page_size ? Number(q.page_size) : 20, ...(q.page_token ? { page_token: q.page_token } : {}) });

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly queries: WebhookEndpointsQueries,
  ) {}

  @Post()
  @ApiData(WebhookEndpointWithSecretResponse, 201, 'Created')
  @ApiOperation({ summary: 'Register a URL for events; the answer shows the signing secret, once' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateWebhookEndpointDto) {
    const { id, secret } = await this.endpoints.create(ctx, { ...dto });
    return { ...(await this.queries.endpoint(ctx, id)), secret };
  }

  @Get()
  @ApiPage(WebhookEndpointResponse)
  list(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto) {
    return this.queries.list(ctx, pageOf(q));
  }

  @Get(':id')
  @ApiData(WebhookEndpointResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string) {
    return this.queries.endpoint(ctx, id);
  }

  @Patch(':id')
  @ApiData(WebhookEndpointResponse)
  @ApiOperation({ summary: 'Change the URL, event types, description or metadata; disable or enable it' })
  async update(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string, @Body() dto: UpdateWebhookEndpointDto) {
    await this.endpoints.update(ctx, id, { ...dto });
    return this.queries.endpoint(ctx, id);
  }

  @Delete(':id')
  @ApiData(DeletedWebhookEndpointResponse)
  @ApiOperation({ summary: 'Delete the endpoint: no more deliveries; answers it as it was' })
  async delete(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string) {
    const endpoint = await this.queries.endpoint(ctx, id);
    await this.endpoints.delete(ctx, id);
    return { ...endpoint, deleted: true as const };
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiData(WebhookEndpointWithSecretResponse)
  @ApiOperation({ summary: 'A new signing secret (shown once); the previous one keeps signing for expire_previous_in_seconds (default 24 h)' })
  async rotate(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string, @Body() dto: RotateSecretDto) {
    const secret = await this.endpoints.rotateSecret(ctx, id, dto.expire_previous_in_seconds);
    return { ...(await this.queries.endpoint(ctx, id)), secret };
  }

  @Get(':id/deliveries')
  @ApiPage(WebhookDeliveryResponse)
  @ApiOperation({ summary: "The endpoint's deliveries, newest event first (filters status, event_id)" })
  deliveries(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string, @Query() q: ListDeliveriesQueryDto) {
    return this.queries.deliveries(ctx, id, pageOf(q), { ...(q.status ? { status: q.status } : {}), ...(q.event_id ? { event_id: q.event_id } : {}) });
  }

  @Get(':id/deliveries/:delivery_id')
  @ApiData(WebhookDeliveryResponse)
  @ApiOperation({ summary: 'One delivery with every attempt' })
  delivery(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string, @Param('delivery_id', deliveryId) delivery: string) {
    return this.queries.delivery(ctx, id, delivery);
  }

  @Post(':id/deliveries/:delivery_id/redeliver')
  @HttpCode(202)
  @ApiData(WebhookDeliveryResponse, 202, 'Queued')
  @ApiOperation({ summary: 'Send this delivery again now (pending with no wait; the event keeps its id)' })
  async redeliver(@Ctx() ctx: RequestContext, @Param('id', endpointId) id: string, @Param('delivery_id', deliveryId) delivery: string) {
    await this.endpoints.redeliver(ctx, id, delivery);
    return this.queries.delivery(ctx, id, delivery);
  }
}
