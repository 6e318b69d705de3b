import { Inject, Injectable } from '@nestjs/common';
import { paymentLinkDecider, type PaymentLinkCommand, type PaymentLinkEvent, type PaymentLinkState } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import { AggregateStream } from '../application/aggregate-stream.js';
import { CommandPath } from '../application/command-path.js';
import { EVENT_STORE } from '../persistence/tokens.js';
import { Clock } from '../platform/clock.js';

export const PAYMENT_LINK_STREAM_PREFIX = 'payment-link-';

/** One stream per payment link. */
@Injectable()
export class PaymentLinkStream extends AggregateStream<PaymentLinkCommand, PaymentLinkEvent, PaymentLinkState> {
  constructor(path: CommandPath, @Inject(EVENT_STORE) store: EventStore, clock: Clock) {
    super(path, store, clock, paymentLinkDecider, PAYMENT_LINK_STREAM_PREFIX, 'PAYMENT_LINK_CONFLICT');
  }
}
