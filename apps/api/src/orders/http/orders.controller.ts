import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiData, ApiDataList, ApiPage } from '../../platform/openapi/envelope.js';
import { OrderResponse, TimelineEntryResponse } from './order.responses.js';
import type { OrderCommand, OrderState } from '#ordo/domain';
import type { CommandOutcome } from '../../application/command-path.js';
import { ApiError } from '../../platform/api-error.js';
import { VersionedByOrder } from '../../platform/if-match.js';
import { Clock } from '../../platform/clock.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { ExecuteOrderCommand } from '../application/execute-order-command.js';
import { toOrderResource, type OrderResource } from '../read-model/order-resource.js';
import { OrdersQueries } from '../read-model/orders.queries.js';
import { toTimelineFilter } from '../read-model/timeline-filter.js';
import {
  AddLineItemDto,
  ApplyDiscountDto,
  ApplyTaxDto,
  CloseOrderDto,
  CreateOrderDto,
  ListOrdersQueryDto,
  SetTipDto,
  UpdateLineItemDto,
  UpdateOrderDto,
} from './order-requests.dto.js';
import { TimelineQueryDto } from './timeline-query.dto.js';
import { toDiscount, toLineItem, toTax, toTip } from './to-domain.js';

const orderId = new IdPipe('ord_', 'id');
const lineItemId = new IdPipe('li_', 'line_item_id');
const discountId = new IdPipe('dsc_', 'discount_id');
const taxId = new IdPipe('tax_', 'tax_id');

function presentKeys<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isoTime(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new ApiError(400, 'INVALID_FIELD', `${field} is not a valid time`, field);
  return time.toISOString();
}

@ApiTags('orders')
@ApiBearerAuth()
@VersionedByOrder()
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly bus: CommandBus,
    private readonly queries: OrdersQueries,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiData(OrderResponse, 201)
  @ApiOperation({ summary: 'Create an order; every total is computed by the server' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrderDto) {
    // A new order has no version to match: refused rather than ignored.
    if (ctx.expectedVersion !== undefined) throw new ApiError(400, 'IF_MATCH_NOT_SUPPORTED', 'If-Match applies to an existing order, not to creating one', 'If-Match');
    const id = ctx.ids.next('ord_');
    const refs = new Map<string, string>();
    const lineItems = (dto.line_items ?? []).map((li, i) => {
      const line = toLineItem(li, ctx.ids);
      if (li.ref !== undefined) {
        if (refs.has(li.ref)) throw new ApiError(400, 'DUPLICATE_LINE_ITEM_REF', `ref "${li.ref}" is used twice`, `line_items[${i}].ref`);
        refs.set(li.ref, line.id);
      }
      return line;
    });
    return this.change(ctx, {
      type: 'CreateOrder',
      data: {
        order_id: id,
        currency: dto.currency,
        ...(dto.customer_id !== undefined ? { customer_id: dto.customer_id } : {}),
        ...(dto.notes !== undefined ? { notes: dto.notes } : {}),
        ...(dto.metadata !== undefined ? { metadata: dto.metadata } : {}),
        line_items: lineItems,
        discounts: (dto.discounts ?? []).map((d, i) => toDiscount(d, ctx.ids, `discounts[${i}]`, refs)),
        taxes: (dto.taxes ?? []).map((t, i) => toTax(t, ctx.ids, `taxes[${i}]`, refs)),
        ...(dto.tip ? { tip: toTip(dto.tip) } : {}),
      },
      now: this.clock.nowIso(),
    });
  }

  @Get()
  @ApiPage(OrderResponse)
  @ApiOperation({ summary: 'List orders, newest first, with filters and cursor pagination' })
  list(@Ctx() ctx: RequestContext, @Query() query: ListOrdersQueryDto) {
    return this.queries.list(ctx, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.payment_status ? { payment_status: query.payment_status } : {}),
      ...(query.customer_id ? { customer_id: query.customer_id } : {}),
      created_gte: isoTime(query.created_gte, 'created_gte'),
      created_lt: isoTime(query.created_lt, 'created_lt'),
      page_size: query.page_size ? Number(query.page_size) : 20,
      ...(query.page_token ? { page_token: query.page_token } : {}),
    });
  }

  @Get(':id')
  @ApiData(OrderResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string) {
    return this.queries.get(ctx, id);
  }

  @Get(':id/timeline')
  @ApiDataList(TimelineEntryResponse)
  @ApiOperation({ summary: 'Every fact about the order in order, in words, with the amounts after each (filters type, from, to)' })
  timeline(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Query() query: TimelineQueryDto) {
    return this.queries.timeline(ctx, id, toTimelineFilter(query));
  }

  @Patch(':id')
  @ApiData(OrderResponse)
  @ApiOperation({ summary: 'Change customer, notes or metadata' })
  update(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: UpdateOrderDto) {
    return this.change(ctx, { type: 'UpdateOrderDetails', data: { order_id: id, changes: presentKeys(dto) }, now: this.clock.nowIso() });
  }

  @Post(':id/line-items')
  @ApiData(OrderResponse)
  @HttpCode(200)
  addLineItem(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: AddLineItemDto) {
    if (dto.ref !== undefined) throw new ApiError(400, 'UNKNOWN_FIELD', 'ref is only accepted when creating an order', 'ref');
    return this.change(ctx, { type: 'AddLineItem', data: { order_id: id, line_item: toLineItem(dto, ctx.ids) }, now: this.clock.nowIso() });
  }

  @Patch(':id/line-items/:line_item_id')
  @ApiData(OrderResponse)
  updateLineItem(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('line_item_id', lineItemId) li: string, @Body() dto: UpdateLineItemDto) {
    return this.change(ctx, { type: 'UpdateLineItem', data: { order_id: id, line_item_id: li, changes: presentKeys(dto) }, now: this.clock.nowIso() });
  }

  @Delete(':id/line-items/:line_item_id')
  @ApiData(OrderResponse)
  removeLineItem(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('line_item_id', lineItemId) li: string) {
    return this.change(ctx, { type: 'RemoveLineItem', data: { order_id: id, line_item_id: li }, now: this.clock.nowIso() });
  }

  @Post(':id/discounts')
  @ApiData(OrderResponse)
  @HttpCode(200)
  applyDiscount(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: ApplyDiscountDto) {
    return this.change(ctx, { type: 'ApplyDiscount', data: { order_id: id, discount: toDiscount(dto, ctx.ids, 'discount') }, now: this.clock.nowIso() });
  }

  @Delete(':id/discounts/:discount_id')
  @ApiData(OrderResponse)
  removeDiscount(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('discount_id', discountId) d: string) {
    return this.change(ctx, { type: 'RemoveDiscount', data: { order_id: id, discount_id: d }, now: this.clock.nowIso() });
  }

  @Post(':id/taxes')
  @ApiData(OrderResponse)
  @HttpCode(200)
  applyTax(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: ApplyTaxDto) {
    return this.change(ctx, { type: 'ApplyTax', data: { order_id: id, tax: toTax(dto, ctx.ids, 'tax') }, now: this.clock.nowIso() });
  }

  @Delete(':id/taxes/:tax_id')
  @ApiData(OrderResponse)
  removeTax(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Param('tax_id', taxId) t: string) {
    return this.change(ctx, { type: 'RemoveTax', data: { order_id: id, tax_id: t }, now: this.clock.nowIso() });
  }

  @Post(':id/tip')
  @ApiData(OrderResponse)
  @HttpCode(200)
  setTip(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: SetTipDto) {
    return this.change(ctx, { type: 'SetTip', data: { order_id: id, tip: toTip(dto) }, now: this.clock.nowIso() });
  }

  @Delete(':id/tip')
  @ApiData(OrderResponse)
  removeTip(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string) {
    return this.change(ctx, { type: 'RemoveTip', data: { order_id: id }, now: this.clock.nowIso() });
  }

  @Post(':id/close')
  @ApiData(OrderResponse)
  @HttpCode(200)
  close(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string, @Body() dto: CloseOrderDto) {
    return this.change(ctx, { type: 'CloseOrder', data: { order_id: id, ...(dto.reason ? { reason: dto.reason } : {}) }, now: this.clock.nowIso() });
  }

  @Post(':id/write-off')
  @ApiData(OrderResponse)
  @HttpCode(200)
  @ApiOperation({ summary: 'Write off what a closed order owes again (offline money reversed after closing) as bad debt' })
  writeOff(@Ctx() ctx: RequestContext, @Param('id', orderId) id: string) {
    return this.change(ctx, { type: 'WriteOffBalance', data: { order_id: id }, now: this.clock.nowIso() });
  }

  /**
   * Runs the command and answers with the order it produced. The representation is built by the
   * same function the read model uses, from the state the command path folded, so it equals what
   * a GET right after returns (the command path has waited for the projection).
   */
  private async change(ctx: RequestContext, command: OrderCommand): Promise<OrderResource> {
    const outcome: CommandOutcome<OrderState> = await this.bus.execute(new ExecuteOrderCommand(command, ctx));
    if (outcome.state.status === 'none') throw new Error('an accepted order command left no order');
    return toOrderResource(outcome.state, outcome.revision);
  }
}
