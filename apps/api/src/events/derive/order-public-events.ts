import { computeOrderTotals, invoiceStatus, orderBalance, type ExistingOrder, type OrderState } from '#ordo/domain';
import { toCheckoutSessionResource } from '../../checkout/read-model/checkout-session-resource.js';
import { toInvoiceResource } from '../../invoices/read-model/invoice-resource.js';
import { toOrderResource } from '../../orders/read-model/order-resource.js';
import { toPaymentIntentResource, toRefundResource } from '../../payments/read-model/payment-resources.js';
import { named, type AppendedFacts, type PublicEventDraft, type ResourceLinks } from './public-event-draft.js';

const INTENT_STATUS_EVENTS: Partial<Record<string, string>> = {
  requires_action: 'payment_intent.requires_action',
  requires_capture: 'payment_intent.requires_capture',
  succeeded: 'payment_intent.succeeded',
  canceled: 'payment_intent.canceled',
  expired: 'payment_intent.expired',
};
const INVOICE_STATUS_EVENTS: Partial<Record<string, string>> = {
  open: 'invoice.issued',
  paid: 'invoice.paid',
  void: 'invoice.voided',
  uncollectible: 'invoice.marked_uncollectible',
};
const SESSION_STATUS_EVENTS: Partial<Record<string, string>> = { completed: 'checkout_session.completed', expired: 'checkout_session.expired' };

/**
 * The public events one append to an order stream causes, found by comparing the order before and
 * after it: statuses that changed are what integrators react to, whichever domain event changed
 * them (a capture, a wire recorded, a checkout's payment). Objects are the API's resources after
 * the whole append (an order created with its lines shows them).
 */
export function orderPublicEvents(facts: AppendedFacts, before: OrderState, after: ExistingOrder, revision: bigint, links: ResourceLinks): PublicEventDraft[] {
  const out: PublicEventDraft[] = [];
  const orderId = after.id;
  const prior = before.status === 'none' ? undefined : before;
  let orderResource: Record<string, unknown> | undefined;
  const order = (t: string) => out.push({ type: t, object_id: orderId, order_id: orderId, object: (orderResource ??= toOrderResource(after, revision) as unknown as Record<string, unknown>) });

  if (!prior) order('order.created');

  for (const intent of after.payment_intents) {
    const was = prior?.payment_intents.find((p) => p.id === intent.id);
    const failed = named(facts, 'PaymentFailed', 'payment_intent_id', intent.id) || named(facts, 'PaymentCaptureFailed', 'payment_intent_id', intent.id);
    const status = INTENT_STATUS_EVENTS[intent.status];
    const types = [...(!was ? ['payment_intent.created'] : []), ...(failed ? ['payment_intent.payment_failed'] : []), ...(status && was?.status !== intent.status ? [status] : [])];
    if (types.length === 0) continue;
    const resource = toPaymentIntentResource(after, intent) as unknown as Record<string, unknown>;
    const object = resource.next_action ? { ...resource, next_action: { ...(resource.next_action as object), redirect_url: links.challenge(intent.id) } } : resource;
    for (const t of types) out.push({ type: t, object_id: intent.id, order_id: orderId, object });
  }

  for (const refund of after.refunds) {
    const was = prior?.refunds.find((r) => r.id === refund.id);
    const types = [...(!was ? ['refund.created'] : []), ...(refund.status !== was?.status && (refund.status === 'succeeded' || refund.status === 'failed') ? [`refund.${refund.status}`] : [])];
    for (const t of types) out.push({ type: t, object_id: refund.id, order_id: orderId, object: toRefundResource(after, refund) as unknown as Record<string, unknown> });
  }

  for (const invoice of after.invoices) {
    const was = prior?.invoices.find((i) => i.id === invoice.id);
    const status = invoiceStatus(invoice, after);
    const wasStatus = was && prior ? invoiceStatus(was, prior) : undefined;
    const types: string[] = [];
    if (!was) types.push('invoice.created');
    if (named(facts, 'ManualPaymentRecorded', 'invoice_id', invoice.id)) types.push('invoice.manual_payment_recorded');
    if (named(facts, 'ManualPaymentReversed', 'invoice_id', invoice.id)) types.push('invoice.manual_payment_reversed');
    if (named(facts, 'InvoiceMarkedOverdue', 'invoice_id', invoice.id)) types.push('invoice.overdue');
    const byStatus = INVOICE_STATUS_EVENTS[status];
    // partially_paid → open again (a reversal) is not "issued" a second time.
    if (byStatus && wasStatus !== status && !(status === 'open' && wasStatus !== 'draft' && wasStatus !== undefined)) types.push(byStatus);
    if (types.length === 0) continue;
    const object = { ...(toInvoiceResource(after, invoice) as unknown as Record<string, unknown>), hosted_invoice_url: links.invoice(invoice.pay_token) };
    for (const t of types) out.push({ type: t, object_id: invoice.id, order_id: orderId, object });
  }

  for (const session of after.checkout_sessions) {
    const was = prior?.checkout_sessions.find((s) => s.id === session.id);
    const t = SESSION_STATUS_EVENTS[session.status];
    if (!t || was?.status === session.status) continue;
    out.push({ type: t, object_id: session.id, order_id: orderId, object: { ...(toCheckoutSessionResource(after, session) as unknown as Record<string, unknown>), url: links.checkoutSession(session.pay_token) } });
  }

  // Order-level outcomes last: subscribers see the payment before the order it paid.
  const now = orderBalance(computeOrderTotals(after).total, after);
  const then = prior ? orderBalance(computeOrderTotals(prior).total, prior) : undefined;
  if (then) {
    if (now.payment_status === 'paid' && then.payment_status !== 'paid') order('order.paid');
    else if (now.payment_status === 'partially_paid' && now.paid > then.paid) order('order.partially_paid');
    if (now.refunded > then.refunded) order('order.refunded');
    if (after.status === 'closed' && prior!.status !== 'closed') order('order.closed');
  }
  return out;
}
