import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { CommandPath } from './application/command-path.js';
import { OrderCommands } from './orders/application/order-commands.js';
import { BillingModule } from './billing/billing.module.js';
import { CheckoutModule } from './checkout/checkout.module.js';
import { HostedModule } from './hosted/hosted.module.js';
import { PaymentLinksModule } from './payment-links/payment-links.module.js';
import { EventsModule } from './events/events.module.js';
import { FinanceModule } from './finance/finance.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { BillingStreams } from './billing/billing-streams.js';
import { TestClockTime } from './billing/application/test-clock-time.js';
import { CustomerCommands } from './customers/application/customer-commands.js';
import { CustomersModule } from './customers/customers.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { PROJECTIONS } from './application/projections/projection-runner.js';
import { ProjectionProgress } from './application/projections/projection-progress.js';
import { projectionProviders } from './application/projections/projection-providers.js';
import { createProjections } from './application/projections/projection-set.js';
import { ORDO_CONFIG, type OrdoConfig } from './config/ordo-config.js';
import { HealthController } from './health/health.controller.js';
import { ApiKeyCache } from './merchants/api-key-cache.js';
import { MerchantsService } from './merchants/merchants.service.js';
import { OrdersModule } from './orders/orders.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PersistenceModule } from './persistence/persistence.module.js';
import { AllExceptionsFilter } from './platform/all-exceptions.filter.js';
import { AuthGuard } from './platform/auth.guard.js';
import { BodyDepthGuard } from './platform/body-depth.guard.js';
import { RateLimitGuard } from './platform/rate-limit/rate-limit.guard.js';
import { IfMatchGuard } from './platform/if-match.js';
import { Clock, SystemClock } from './platform/clock.js';
import { EnvelopeInterceptor } from './platform/envelope.interceptor.js';
import { IdempotencyInterceptor } from './platform/idempotency/idempotency.interceptor.js';
import { IdempotencyJanitor } from './platform/idempotency/idempotency-janitor.js';
import { IdempotencyStore } from './platform/idempotency/idempotency.store.js';
import { loggerOptions } from './platform/logging.js';
import { RequestLoggingModule } from './platform/request-logging.js';
import { ServerSecrets, serverSecretsProvider } from './platform/server-secrets.js';
import { SecretBox } from './platform/secret-box.js';
import { WorkerLease } from './platform/worker-lease.js';
import { OrdoMetrics } from './platform/metrics/ordo-metrics.js';
import { MetricsController } from './platform/metrics/metrics.controller.js';
import { MetricsInterceptor } from './platform/metrics/metrics.interceptor.js';
import { createValidationPipe } from './platform/validation.js';

/** Providers every feature module may inject. */
const core = [
  CommandPath,
  OrderCommands,
  CustomerCommands,
  BillingStreams,
  TestClockTime,
  MerchantsService,
  IdempotencyStore,
  IdempotencyJanitor,
  WorkerLease,
  OrdoMetrics,
  serverSecretsProvider,
  SecretBox,
];

export interface AppModuleOptions {
  config: OrdoConfig;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        RequestLoggingModule.forRoot(loggerOptions(config)),
        CqrsModule.forRoot(),
        TerminusModule,
        PersistenceModule.forRoot(config),
        OrdersModule,
        PaymentsModule,
        InvoicesModule,
        CustomersModule,
        BillingModule,
        CheckoutModule,
        PaymentLinksModule,
        HostedModule,
        WebhooksModule,
        EventsModule,
        FinanceModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: ORDO_CONFIG, useValue: config },
        { provide: Clock, useValue: clock ?? new SystemClock() },
        { provide: ApiKeyCache, useValue: new ApiKeyCache(config.apiKeyRecheckMs) },
        {
          provide: PROJECTIONS,
          inject: [ApiKeyCache, ORDO_CONFIG, ServerSecrets],
          useFactory: (keys: ApiKeyCache, config: OrdoConfig, secrets: ServerSecrets) =>
            createProjections({ publicUrl: config.publicUrl, idSecret: secrets.idSecret, keyRevoked: (keyId) => keys.evict(keyId) }),
        },
        ...core,
        ...projectionProviders(config),
        // Guards run in this order: who is asking, whether the body can be walked safely, whether the key is over its limits.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: BodyDepthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: IfMatchGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Outermost first: metrics time everything below; idempotency stores the enveloped answer.
        { provide: APP_INTERCEPTOR, useClass: MetricsInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [ORDO_CONFIG, Clock, PROJECTIONS, ApiKeyCache, ProjectionProgress, ...core],
    };
  }
}
