import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../platform/clock.js';
import { ApiData } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { ReceivablesQueries } from '../read-model/receivables.queries.js';
import { AgingReportResponse } from './customer.responses.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly receivables: ReceivablesQueries,
    private readonly clock: Clock,
  ) {}

  @Get('receivables-aging')
  @ApiData(AgingReportResponse)
  @ApiOperation({ summary: 'What all customers owe on open invoices, by age: per currency and per customer and currency, as of now' })
  receivablesAging(@Ctx() ctx: RequestContext) {
    return this.receivables.agingReport(ctx, this.clock.now());
  }
}
