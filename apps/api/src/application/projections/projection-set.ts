import { ORDER_EVENT_TYPES } from '#ordo/domain';
import { BillingProjection } from '../../billing/read-model/billing.projection.js';
import { CheckoutSessionsProjection } from '../../checkout/read-model/checkout-sessions.projection.js';
import { CustomersProjection } from '../../customers/read-model/customers.projection.js';
import { PublicEventsProjection } from '../../events/read-model/public-events.projection.js';
import { JournalProjection } from '../../finance/journal.projection.js';
import { InvoicesProjection } from '../../invoices/read-model/invoices.projection.js';
import { MerchantsProjection } from '../../merchants/merchants.projection.js';
import { OrdersProjection } from '../../orders/read-model/orders.projection.js';
import { PaymentLinksProjection } from '../../payment-links/read-model/payment-links.projection.js';
import { PaymentsProjection } from '../../payments/read-model/payments.projection.js';
import { pageSignature } from '../../platform/page-signature.js';
import { WebhookEndpointsProjection } from '../../webhooks/read-model/webhook-endpoints.projection.js';
import type { Projection } from './projection.js';

export interface ProjectionSetOptions {
  /** The base of hosted page URLs written into event payloads. */
  publicUrl: string;
  /** Signs the 3-D Secure challenge links (the server secret every process shares). */
  idSecret: string;
  /** Told when a key is revoked, so a cache in this process forgets it at once (none in the projector). */
  keyRevoked?: (keyId: string) => void;
}

/**
 * Every read model, in the order they must run: the same list feeds the SQLite runner inside the
 * API process and the PostgreSQL projector, so the two can never build different tables.
 */
export function createProjections(options: ProjectionSetOptions): Projection[] {
  const orders = new OrdersProjection(ORDER_EVENT_TYPES);
  const { publicUrl, idSecret } = options;
  // After OrdersProjection: they copy intents, refunds and invoices from the orders it folded.
  return [
    new MerchantsProjection(options.keyRevoked ?? (() => undefined)),
    orders,
    new PaymentsProjection(orders),
    new InvoicesProjection(orders),
    new CheckoutSessionsProjection(orders),
    new PaymentLinksProjection(),
    new CustomersProjection(),
    new JournalProjection(),
    new BillingProjection(),
    // Endpoints before the event fan-out, which asks who was subscribed at each position.
    new WebhookEndpointsProjection(),
    new PublicEventsProjection({
      invoice: (token) => (token ? `${publicUrl}/i/${token}` : null),
      checkoutSession: (token) => `${publicUrl}/checkout/${token}`,
      challenge: (id) => `${publicUrl}/authenticate/${id}/${pageSignature(idSecret, 'challenge', id)}`,
    }),
  ];
}
