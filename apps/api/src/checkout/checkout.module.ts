import { Module } from '@nestjs/common';
import { CheckoutExpiry } from './application/checkout-expiry.js';
import { CheckoutSessionsService } from './application/checkout-sessions.service.js';
import { CheckoutSessionsController } from './http/checkout-sessions.controller.js';
import { CheckoutSessionsQueries } from './read-model/checkout-sessions.queries.js';

/** Hosted checkout sessions (the API side; the pages are in hosted/). */
@Module({
  controllers: [CheckoutSessionsController],
  providers: [CheckoutSessionsService, CheckoutSessionsQueries, CheckoutExpiry],
  exports: [CheckoutSessionsService, CheckoutSessionsQueries, CheckoutExpiry],
})
export class CheckoutModule {}
