import { Module } from '@nestjs/common';
import { CustomersController } from './http/customers.controller.js';
import { ReportsController } from './http/reports.controller.js';
import { CustomerTimelineQueries } from './read-model/customer-timeline.queries.js';
import { ReceivablesQueries } from './read-model/receivables.queries.js';

/** Read-only views across a customer's orders and invoices: receivables, aging, timeline. */
@Module({
  controllers: [CustomersController, ReportsController],
  providers: [ReceivablesQueries, CustomerTimelineQueries],
  exports: [ReceivablesQueries],
})
export class CustomersModule {}
