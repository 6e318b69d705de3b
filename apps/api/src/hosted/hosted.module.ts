import { Module } from '@nestjs/common';
import { CheckoutModule } from '../checkout/checkout.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { HostedInvoices } from './hosted-invoices.js';
import { HostedPagesController } from './hosted-pages.controller.js';
import { HostedLinkPagesController } from './hosted-link-pages.controller.js';
import { HostedChallengePagesController } from './hosted-challenge-pages.controller.js';
import { PaymentLinksModule } from '../payment-links/payment-links.module.js';
import { HostedPayments } from './hosted-payments.js';
import { PageRenderer } from './page-renderer.js';

/** The buyer-facing pages: server-rendered HTML, no client framework, no script. */
@Module({
  imports: [CheckoutModule, OrdersModule, PaymentsModule, PaymentLinksModule],
  controllers: [HostedPagesController, HostedLinkPagesController, HostedChallengePagesController],
  providers: [PageRenderer, HostedPayments, HostedInvoices],
})
export class HostedModule {}
