import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { BillingService } from './application/billing.service.js';
import { SubscriptionBilling } from './application/subscription-billing.js';
import { SubscriptionScheduler } from './application/subscription-scheduler.js';
import { PlansController, SubscriptionsController, TestClocksController } from './http/billing.controllers.js';
import { BillingQueries } from './read-model/billing.queries.js';

/** Plans, subscriptions and their billing process, test clocks. */
@Module({
  imports: [PaymentsModule, InvoicesModule],
  controllers: [PlansController, SubscriptionsController, TestClocksController],
  providers: [BillingService, SubscriptionBilling, SubscriptionScheduler, BillingQueries],
  exports: [SubscriptionBilling, SubscriptionScheduler],
})
export class BillingModule {}
