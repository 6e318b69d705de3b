import { Controller, Get, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth.guard.js';
import { OrdoMetrics } from './ordo-metrics.js';

/**
 * `GET /metrics` in Prometheus' text format, for a scraper on the operators' network: it carries
 * no tenant data (route templates and counts only), and is not part of the merchants' API.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: OrdoMetrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('metrics')
  async scrape(@Res() res: unknown): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(res, 'Content-Type', this.metrics.registry.contentType);
    adapter.setHeader(res, 'Cache-Control', 'no-store');
    adapter.reply(res, await this.metrics.registry.metrics(), 200);
  }
}
