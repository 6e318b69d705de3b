import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PagedTimelineQueryDto } from '../../orders/http/timeline-query.dto.js';
import { toTimelineFilter } from '../../orders/read-model/timeline-filter.js';
import { Clock } from '../../platform/clock.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiDataList, ApiPage } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { CustomersService } from '../application/customers.service.js';
import { CustomerTimelineQueries } from '../read-model/customer-timeline.queries.js';
import { CustomersQueries } from '../read-model/customers.queries.js';
import { ReceivablesQueries } from '../read-model/receivables.queries.js';
import { CreateCustomerWithClockDto, ListCustomersQueryDto, ListPaymentMethodsQueryDto, SavePaymentMethodDto, UpdateCustomerDto } from './customer-requests.dto.js';
import { CustomerResponse, CustomerTimelineEntryResponse, SavedPaymentMethodResponse, ReceivablesResponse } from './customer.responses.js';

const customerId = new IdPipe('cus_', 'id');
const paymentMethodId = new IdPipe('pm_', 'payment_method_id');

/** Only the fields the request named: absent stays unchanged, null clears. */
function named<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Customers and their saved payment methods. Another merchant's or the other mode's customer is
 * 404 on every route, exactly like one that does not exist.
 */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly service: CustomersService,
    private readonly customers: CustomersQueries,
    private readonly receivables: ReceivablesQueries,
    private readonly timelines: CustomerTimelineQueries,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiData(CustomerResponse, 201, 'Created')
  @ApiOperation({ summary: 'Create a customer (name, email, E.164 phone, billing address with ISO country, metadata; all optional)' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateCustomerWithClockDto) {
    const { test_clock_id, ...details } = named(dto);
    const id = await this.service.create(ctx, details, test_clock_id);
    return this.customers.get(ctx, id, this.clock.now());
  }

  @Get()
  @ApiPage(CustomerResponse)
  @ApiOperation({ summary: 'List customers, newest first; search by email (exact, any case) or part of the name' })
  list(@Ctx() ctx: RequestContext, @Query() query: ListCustomersQueryDto) {
    return this.customers.list(
      ctx,
      {
        page_size: query.page_size ? Number(query.page_size) : 20,
        ...(query.page_token ? { page_token: query.page_token } : {}),
        ...(query.email !== undefined ? { email: query.email } : {}),
        ...(query.name !== undefined ? { name: query.name } : {}),
      },
      this.clock.now(),
    );
  }

  @Get(':id')
  @ApiData(CustomerResponse)
  @ApiOperation({ summary: 'A customer, with the default payment method and a receivables summary' })
  get(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string) {
    return this.customers.get(ctx, id, this.clock.now());
  }

  @Patch(':id')
  @ApiData(CustomerResponse)
  @ApiOperation({ summary: 'Change named fields (null clears one; metadata replaces the whole map)' })
  async update(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Body() dto: UpdateCustomerDto) {
    await this.service.update(ctx, id, named(dto));
    return this.customers.get(ctx, id, this.clock.now());
  }

  @Post(':id/payment-methods')
  @ApiData(SavedPaymentMethodResponse, 201, 'Created')
  @ApiOperation({ summary: 'Save a card from a token; usage off_session lets it be charged without the customer present' })
  async savePaymentMethod(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Body() dto: SavePaymentMethodDto) {
    const pm = await this.service.savePaymentMethod(ctx, id, { token: dto.token, usage: dto.usage ?? 'off_session', ...(dto.set_default !== undefined ? { setDefault: dto.set_default } : {}) });
    return this.customers.paymentMethod(ctx, id, pm, this.clock.now());
  }

  @Get(':id/payment-methods')
  @ApiDataList(SavedPaymentMethodResponse)
  @ApiOperation({ summary: "The customer's saved methods, oldest first (removed ones with include_removed=true)" })
  paymentMethods(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Query() query: ListPaymentMethodsQueryDto) {
    return this.customers.paymentMethods(ctx, id, this.clock.now(), query.include_removed === 'true');
  }

  @Get(':id/payment-methods/:payment_method_id')
  @ApiData(SavedPaymentMethodResponse)
  paymentMethod(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Param('payment_method_id', paymentMethodId) pm: string) {
    return this.customers.paymentMethod(ctx, id, pm, this.clock.now());
  }

  @Post(':id/payment-methods/:payment_method_id/set-default')
  @HttpCode(200)
  @ApiData(SavedPaymentMethodResponse)
  @ApiOperation({ summary: "Make a saved method the customer's default (not a removed or expired one)" })
  async setDefault(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Param('payment_method_id', paymentMethodId) pm: string) {
    await this.service.setDefault(ctx, id, pm);
    return this.customers.paymentMethod(ctx, id, pm, this.clock.now());
  }

  @Post(':id/payment-methods/:payment_method_id/remove')
  @HttpCode(200)
  @ApiData(SavedPaymentMethodResponse)
  @ApiOperation({ summary: 'Remove a saved method: it can no longer be charged (removing it again changes nothing)' })
  async remove(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Param('payment_method_id', paymentMethodId) pm: string) {
    await this.service.remove(ctx, id, pm);
    return this.customers.paymentMethod(ctx, id, pm, this.clock.now());
  }

  @Get(':id/receivables')
  @ApiData(ReceivablesResponse)
  @ApiOperation({ summary: "The customer's open invoices and what they owe per currency, by age (current, 1_30, 31_60, 61_90, over_90 days past due)" })
  async getReceivables(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string) {
    const now = this.clock.now();
    await this.customers.get(ctx, id, now);
    return this.receivables.customer(ctx, id, now);
  }

  @Get(':id/timeline')
  @ApiPage(CustomerTimelineEntryResponse)
  @ApiOperation({ summary: "The customer's own facts (saved and removed methods…) and every timeline entry of their orders, in log order (filters type, from, to; cursor pagination)" })
  async timeline(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Query() query: PagedTimelineQueryDto) {
    await this.customers.get(ctx, id, this.clock.now());
    return this.timelines.timeline(ctx, id, toTimelineFilter(query), {
      page_size: query.page_size ? Number(query.page_size) : 20,
      ...(query.page_token ? { page_token: query.page_token } : {}),
    });
  }
}
