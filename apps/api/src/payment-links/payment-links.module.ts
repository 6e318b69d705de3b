import { Module } from '@nestjs/common';
import { CheckoutModule } from '../checkout/checkout.module.js';
import { PaymentLinksService } from './application/payment-links.service.js';
import { PaymentLinksController } from './http/payment-links.controller.js';
import { PaymentLinkStream } from './payment-link-stream.js';
import { PaymentLinksQueries } from './read-model/payment-links.queries.js';

@Module({
  imports: [CheckoutModule],
  controllers: [PaymentLinksController],
  providers: [PaymentLinkStream, PaymentLinksService, PaymentLinksQueries],
  exports: [PaymentLinksService, PaymentLinksQueries],
})
export class PaymentLinksModule {}
