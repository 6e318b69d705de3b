import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { BillingService } from '../application/billing.service.js';
import { BillingQueries } from '../read-model/billing.queries.js';
import { AdvanceTestClockDto, CancelSubscriptionDto, CreatePlanDto, CreateSubscriptionDto, CreateTestClockDto, ListSubscriptionsQueryDto } from './billing-requests.dto.js';
import { PlanResponse, SubscriptionResponse, TestClockResponse } from './billing.responses.js';

const page = (q: PageQueryDto) => ({ page_size: q.page_size ? Number(q.page_size) : 20, ...(q.page_token ? { page_token: q.page_token } : {}) });

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly billing: BillingService,
    private readonly queries: BillingQueries,
  ) {}

  @Post()
  @ApiData(PlanResponse, 201, 'Created')
  @ApiOperation({ summary: 'Create a plan: line items billed every interval × interval_count, optional trial days' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreatePlanDto) {
    return this.queries.plan(ctx, await this.billing.createPlan(ctx, dto));
  }

  @Get()
  @ApiPage(PlanResponse)
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto) {
    return this.queries.plans(ctx, page(query));
  }

  @Get(':id')
  @ApiData(PlanResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', new IdPipe('plan_', 'id')) id: string) {
    return this.queries.plan(ctx, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiData(PlanResponse)
  @ApiOperation({ summary: 'Archive a plan: no new subscriptions; existing ones keep billing their snapshot' })
  async archive(@Ctx() ctx: RequestContext, @Param('id', new IdPipe('plan_', 'id')) id: string) {
    await this.billing.archivePlan(ctx, id);
    return this.queries.plan(ctx, id);
  }
}

const subscriptionId = new IdPipe('sub_', 'id');

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly billing: BillingService,
    private readonly queries: BillingQueries,
  ) {}

  @Post()
  @ApiData(SubscriptionResponse, 201, 'Created')
  @ApiOperation({ summary: "Subscribe a customer to a plan; each cycle is an order charged off-session from the customer's default method (the first at once unless there is a trial)" })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateSubscriptionDto) {
    return this.queries.subscription(ctx, await this.billing.createSubscription(ctx, dto));
  }

  @Get()
  @ApiPage(SubscriptionResponse)
  list(@Ctx() ctx: RequestContext, @Query() query: ListSubscriptionsQueryDto) {
    return this.queries.subscriptions(ctx, page(query), { ...(query.customer_id ? { customer_id: query.customer_id } : {}), ...(query.status ? { status: query.status } : {}) });
  }

  @Get(':id')
  @ApiData(SubscriptionResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', subscriptionId) id: string) {
    return this.queries.subscription(ctx, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiData(SubscriptionResponse)
  @ApiOperation({ summary: 'Cancel now, or at the end of the current period (open orders stay collectible)' })
  async cancel(@Ctx() ctx: RequestContext, @Param('id', subscriptionId) id: string, @Body() dto: CancelSubscriptionDto) {
    await this.billing.cancel(ctx, id, dto.at_period_end === true);
    return this.queries.subscription(ctx, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiData(SubscriptionResponse)
  @ApiOperation({ summary: 'Pause: no renewals, no retries until resumed' })
  async pause(@Ctx() ctx: RequestContext, @Param('id', subscriptionId) id: string) {
    await this.billing.pause(ctx, id);
    return this.queries.subscription(ctx, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiData(SubscriptionResponse)
  @ApiOperation({ summary: 'Resume; periods that began while paused are not billed, the next one begins now' })
  async resume(@Ctx() ctx: RequestContext, @Param('id', subscriptionId) id: string) {
    await this.billing.resume(ctx, id);
    return this.queries.subscription(ctx, id);
  }
}

const clockId = new IdPipe('clock_', 'id');

@ApiTags('test clocks')
@ApiBearerAuth()
@Controller('v1/test-clocks')
export class TestClocksController {
  constructor(
    private readonly billing: BillingService,
    private readonly queries: BillingQueries,
  ) {}

  @Post()
  @ApiData(TestClockResponse, 201, 'Created')
  @ApiOperation({ summary: 'Test mode: a clock of your own; customers created with its test_clock_id are billed at its time' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateTestClockDto) {
    return this.queries.testClock(ctx, await this.billing.createTestClock(ctx, dto));
  }

  @Get(':id')
  @ApiData(TestClockResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', clockId) id: string) {
    return this.queries.testClock(ctx, id);
  }

  @Post(':id/advance')
  @HttpCode(200)
  @ApiData(TestClockResponse)
  @ApiOperation({ summary: "Move the clock forward; its customers' renewals, retries and past_due happen, in order, before the answer" })
  async advance(@Ctx() ctx: RequestContext, @Param('id', clockId) id: string, @Body() dto: AdvanceTestClockDto) {
    await this.billing.advanceTestClock(ctx, id, dto.frozen_time);
    return this.queries.testClock(ctx, id);
  }
}
