import { Inject, Injectable } from '@nestjs/common';
import { webhookEndpointDecider, type WebhookEndpointCommand, type WebhookEndpointEvent, type WebhookEndpointState } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { AggregateStream } from '../application/aggregate-stream.js';
import { CommandPath } from '../application/command-path.js';
import { EVENT_STORE } from '../persistence/tokens.js';
import { Clock } from '../platform/clock.js';

export const WEBHOOK_ENDPOINT_STREAM_PREFIX = 'webhook-endpoint-';

/** One stream per webhook endpoint. */
@Injectable()
export class WebhookEndpointStream extends AggregateStream<WebhookEndpointCommand, WebhookEndpointEvent, WebhookEndpointState> {
  constructor(path: CommandPath, @Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    super(path, store, clock, webhookEndpointDecider, WEBHOOK_ENDPOINT_STREAM_PREFIX, 'WEBHOOK_ENDPOINT_CONFLICT');
  }
}
