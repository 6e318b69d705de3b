import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ProjectionProgress } from './application/projections/projection-progress.js';
import type { OrdoConfig } from './config/ordo-config.js';
import type { Clock } from './platform/clock.js';
import { PaymentRecovery } from './payments/application/payment-recovery.js';
import { PaymentLinksService } from './payment-links/application/payment-links.service.js';
import { WebhookDispatcher } from './webhooks/delivery/webhook-dispatcher.js';
import { randomId } from './platform/ids.js';
import { WorkerLease } from './platform/worker-lease.js';
import { setupOpenApi } from './platform/openapi/setup-openapi.js';
import { PinoLoggerService } from './platform/request-logging.js';

export interface CreateAppOptions {
  config: OrdoConfig;
  clock?: Clock;
  /** Tests keep the console quiet. */
  silent?: boolean;
}

/**
 * Builds the HTTP application on the configured adapter. Nothing here uses express-only APIs:
 * `ORDO_HTTP_ADAPTER=fastify` switches the adapter and everything else stays the same.
 */
export async function createApp({ config, clock, silent }: CreateAppOptions): Promise<INestApplication> {
  const module = AppModule.forRoot({ config, ...(clock ? { clock } : {}) });
  const adapter = config.httpAdapter === 'fastify' ? await fastifyAdapter() : expressAdapter();
  const app = await NestFactory.create(module, adapter, { bufferLogs: true, ...(silent ? { logger: false } : {}) });
  if (!silent) app.useLogger(app.get(PinoLoggerService));
  app.enableShutdownHooks();
  if (config.apiReference) setupOpenApi(app);
  await app.init();
  await app.get(ProjectionProgress).start();
  if (app.get(WorkerLease).active) {
    // Finish processor calls a crash left unanswered (its timer keeps doing so); not awaited so a
    // slow processor never delays start-up.
    void app.get(PaymentRecovery).recoverPending().catch(() => undefined);
    void app.get(PaymentLinksService).recordMissedCompletions().catch(() => undefined);
    // Deliveries a restart left pending go out now, not at the first poll.
    app.get(WebhookDispatcher).kick();
  }
  return app;
}

function expressAdapter() {
  const adapter = new ExpressAdapter();
  adapter.disable('x-powered-by');
  return adapter;
}

async function fastifyAdapter() {
  // Loaded only when chosen, so the default deployment never pays for it.
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return new FastifyAdapter({
    // Stored on the raw request too, so pino-http logs the same id.
    genReqId: (raw: IncomingMessage) => {
      const id = randomId('req_');
      raw.id = id;
      return id;
    },
    bodyLimit: 1_048_576,
  });
}
