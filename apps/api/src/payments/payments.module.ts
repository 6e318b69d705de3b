import { Module } from '@nestjs/common';
import { AuthorizationExpiry } from './application/authorization-expiry.js';
import { PaymentIntentsService } from './application/payment-intents.service.js';
import { PaymentRecovery } from './application/payment-recovery.js';
import { PaymentSteps } from './application/payment-steps.js';
import { RefundsService } from './application/refunds.service.js';
import { OrderPaymentsController, PaymentIntentsController } from './http/payment-intents.controller.js';
import { RefundsController } from './http/refunds.controller.js';
import { TokensController } from './http/tokens.controller.js';
import { PaymentProcessors } from './processor/payment-processors.js';
import { PaymentsQueries } from './read-model/payments.queries.js';

@Module({
  controllers: [PaymentIntentsController, OrderPaymentsController, RefundsController, TokensController],
  providers: [PaymentProcessors, PaymentSteps, PaymentIntentsService, RefundsService, PaymentRecovery, AuthorizationExpiry, PaymentsQueries],
  exports: [AuthorizationExpiry, PaymentProcessors, PaymentSteps, PaymentRecovery, PaymentsQueries, PaymentIntentsService],
})
export class PaymentsModule {}
