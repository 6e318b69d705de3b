import { Module } from '@nestjs/common';
import { WebhookEndpointsService } from './application/webhook-endpoints.service.js';
import { WebhookDispatcher } from './delivery/webhook-dispatcher.js';
import { WebhookEndpointsController } from './http/webhook-endpoints.controller.js';
import { WebhookEventTypesController } from './http/webhook-event-types.controller.js';
import { WebhookEndpointsQueries } from './read-model/webhook-endpoints.queries.js';
import { WebhookEndpointStream } from './webhook-endpoint-stream.js';

@Module({
  controllers: [WebhookEventTypesController, WebhookEndpointsController],
  providers: [WebhookEndpointStream, WebhookEndpointsService, WebhookEndpointsQueries, WebhookDispatcher],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
