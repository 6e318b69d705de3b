import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { InvoiceNotifier, LogInvoiceNotifier } from './application/invoice-notifier.js';
import { InvoiceScheduler } from './application/invoice-scheduler.js';
import { InvoicesService } from './application/invoices.service.js';
import { InvoicesController } from './http/invoices.controller.js';
import { OrderManualPaymentsController } from './http/order-manual-payments.controller.js';
import { InvoicesQueries } from './read-model/invoices.queries.js';

@Module({
  imports: [PaymentsModule, OrdersModule],
  controllers: [InvoicesController, OrderManualPaymentsController],
  providers: [InvoicesService, InvoicesQueries, InvoiceScheduler, { provide: InvoiceNotifier, useClass: LogInvoiceNotifier }],
  exports: [InvoicesQueries, InvoiceScheduler, InvoicesService],
})
export class InvoicesModule {}
