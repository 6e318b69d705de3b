import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module.js';
import { CustomersService } from './application/customers.service.js';
import { CustomersController } from './http/customers.controller.js';
import { ReportsController } from './http/reports.controller.js';
import { CustomerTimelineQueries } from './read-model/customer-timeline.queries.js';
import { CustomersQueries } from './read-model/customers.queries.js';
import { ReceivablesQueries } from './read-model/receivables.queries.js';

/** Customers and saved payment methods, and the views across a customer's orders: receivables, aging, timeline. */
@Module({
  imports: [PaymentsModule],
  controllers: [CustomersController, ReportsController],
  providers: [CustomersService, CustomersQueries, ReceivablesQueries, CustomerTimelineQueries],
  exports: [CustomersService, CustomersQueries, ReceivablesQueries],
})
export class CustomersModule {}
