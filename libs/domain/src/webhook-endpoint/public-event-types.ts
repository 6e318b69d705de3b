/*
 * The public event types integrators subscribe to, named `object.verb`. They are a contract:
 * a name once published is never renamed or removed, and its payload only gains fields within a
 * payload version. The application maps domain events to them (apps/api/src/events).
 */

export type PublicObject = 'order' | 'payment_intent' | 'refund' | 'invoice' | 'checkout_session' | 'customer' | 'payment_method' | 'subscription';

export interface PublicEventType {
  type: string;
  /** What `data.object` holds. */
  object: PublicObject;
  description: string;
}

/** Bumped when a payload changes incompatibly; deliveries and the feed say which one they carry. */
export const PUBLIC_EVENT_PAYLOAD_VERSION = 1;

export const PUBLIC_EVENT_TYPES: readonly PublicEventType[] = Object.freeze([
  { type: 'order.created', object: 'order', description: 'An order was created.' },
  { type: 'order.partially_paid', object: 'order', description: 'Money was collected on an order, but less than it owes.' },
  { type: 'order.paid', object: 'order', description: 'An order owes nothing any more (card, checkout, or money recorded offline).' },
  { type: 'order.refunded', object: 'order', description: 'Money was refunded on an order (refund_status tells partly or fully).' },
  { type: 'order.closed', object: 'order', description: 'An order was closed.' },
  { type: 'payment_intent.created', object: 'payment_intent', description: 'A payment intent was created.' },
  { type: 'payment_intent.requires_action', object: 'payment_intent', description: 'The buyer must authenticate the payment (3-D Secure).' },
  { type: 'payment_intent.requires_capture', object: 'payment_intent', description: 'The card was authorized; capture it before the authorization expires.' },
  { type: 'payment_intent.succeeded', object: 'payment_intent', description: 'The payment was captured.' },
  { type: 'payment_intent.payment_failed', object: 'payment_intent', description: 'An attempt to pay failed (declined card, failed authentication or capture).' },
  { type: 'payment_intent.canceled', object: 'payment_intent', description: 'The payment intent was canceled (an authorization was released).' },
  { type: 'payment_intent.expired', object: 'payment_intent', description: 'An uncaptured authorization expired.' },
  { type: 'refund.created', object: 'refund', description: 'A refund was requested.' },
  { type: 'refund.succeeded', object: 'refund', description: 'A refund succeeded.' },
  { type: 'refund.failed', object: 'refund', description: 'A refund failed.' },
  { type: 'invoice.created', object: 'invoice', description: 'A draft invoice was created.' },
  { type: 'invoice.issued', object: 'invoice', description: 'An invoice was issued to its customer.' },
  { type: 'invoice.overdue', object: 'invoice', description: 'An issued invoice passed its due date unpaid.' },
  { type: 'invoice.paid', object: 'invoice', description: 'An invoice was paid in full.' },
  { type: 'invoice.voided', object: 'invoice', description: 'An invoice was voided.' },
  { type: 'invoice.marked_uncollectible', object: 'invoice', description: 'An invoice was marked uncollectible.' },
  { type: 'invoice.manual_payment_recorded', object: 'invoice', description: 'Money collected offline (wire, check, cash) was recorded on an invoice.' },
  { type: 'invoice.manual_payment_reversed', object: 'invoice', description: 'A recorded offline payment was reversed.' },
  { type: 'checkout_session.completed', object: 'checkout_session', description: 'A buyer paid on a hosted checkout.' },
  { type: 'checkout_session.expired', object: 'checkout_session', description: 'A hosted checkout expired unpaid.' },
  { type: 'customer.created', object: 'customer', description: 'A customer was created.' },
  { type: 'customer.updated', object: 'customer', description: 'A customer’s details changed.' },
  { type: 'payment_method.saved', object: 'payment_method', description: 'A card was saved to a customer.' },
  { type: 'payment_method.removed', object: 'payment_method', description: 'A saved card was removed.' },
  { type: 'subscription.created', object: 'subscription', description: 'A subscription was created.' },
  { type: 'subscription.renewed', object: 'subscription', description: 'A billing cycle after the first was paid: the subscription renewed.' },
  { type: 'subscription.payment_failed', object: 'subscription', description: 'A renewal charge failed; it will be retried.' },
  { type: 'subscription.past_due', object: 'subscription', description: 'A subscription is past due after failed renewals.' },
  { type: 'subscription.canceled', object: 'subscription', description: 'A subscription was canceled.' },
] satisfies PublicEventType[]);

const KNOWN = new Set(PUBLIC_EVENT_TYPES.map((t) => t.type));

export function isPublicEventType(value: unknown): value is string {
  return typeof value === 'string' && KNOWN.has(value);
}
