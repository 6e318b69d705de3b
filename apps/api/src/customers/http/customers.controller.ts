import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PagedTimelineQueryDto } from '../../orders/http/timeline-query.dto.js';
import { toTimelineFilter } from '../../orders/read-model/timeline-filter.js';
import { Clock } from '../../platform/clock.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { CustomerTimelineQueries } from '../read-model/customer-timeline.queries.js';
import { ReceivablesQueries } from '../read-model/receivables.queries.js';
import { CustomerTimelineEntryResponse, ReceivablesResponse } from './customer.responses.js';

const customerId = new IdPipe('cus_', 'id');

/**
 * Customers are not a resource of their own yet: any well-formed `cus_` id is accepted, and a
 * customer with nothing on record (or another merchant's) answers empty, never 404.
 */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly receivables: ReceivablesQueries,
    private readonly timelines: CustomerTimelineQueries,
    private readonly clock: Clock,
  ) {}

  @Get(':id/receivables')
  @ApiData(ReceivablesResponse)
  @ApiOperation({ summary: "The customer's open invoices and what they owe per currency, by age (current, 1_30, 31_60, 61_90, over_90 days past due)" })
  getReceivables(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string) {
    return this.receivables.customer(ctx, id, this.clock.now());
  }

  @Get(':id/timeline')
  @ApiPage(CustomerTimelineEntryResponse)
  @ApiOperation({ summary: "Every timeline entry of the customer's orders in log order, with each order's amounts after it (filters type, from, to; cursor pagination)" })
  timeline(@Ctx() ctx: RequestContext, @Param('id', customerId) id: string, @Query() query: PagedTimelineQueryDto) {
    return this.timelines.timeline(ctx, id, toTimelineFilter(query), {
      page_size: query.page_size ? Number(query.page_size) : 20,
      ...(query.page_token ? { page_token: query.page_token } : {}),
    });
  }
}
