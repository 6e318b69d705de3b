import type { OrderEvent } from '../model/order-events.js';
import type { ExistingOrder, OrderState } from '../model/order-state.js';
import { outstandingBalance } from '../rules/collection-guards.js';
import type { CheckoutSession, CheckoutSessionClosed, CheckoutSessionCompleted } from './checkout-model.js';
import { openSession, withSession } from './checkout-guards.js';

/**
 * What a decision means for the open checkout session, decided in the same append so a session
 * can never be seen open on a paid or closed order: paid in full by one of its own payments →
 * completed; paid in full otherwise (a wire the merchant recorded, an API payment) or the order
 * closed → closed, so its page stops taking money.
 */
export function checkoutFollowUps(after: OrderState, events: readonly OrderEvent[], now: string): (CheckoutSessionCompleted | CheckoutSessionClosed)[] {
  if (after.status === 'none') return [];
  const session = openSession(after);
  if (!session) return [];
  const base = { order_id: after.id, checkout_session_id: session.id, occurred_at: now };
  if (after.status === 'closed') return [{ type: 'CheckoutSessionClosed', data: { ...base, reason: 'order_closed' } }];
  if (outstandingBalance(after) > 0) return [];
  const own = ownCaptures(after, session, events);
  if (own.length === 0) return [{ type: 'CheckoutSessionClosed', data: { ...base, reason: 'order_paid' } }];
  const amount = own.reduce((sum, e) => sum + e.amount, 0);
  return [{ type: 'CheckoutSessionCompleted', data: { ...base, payment_intent_id: own[own.length - 1].payment_intent_id, amount, ...(session.payment_link_id ? { payment_link_id: session.payment_link_id } : {}) } }];
}

function ownCaptures(order: ExistingOrder, session: CheckoutSession, events: readonly OrderEvent[]): { payment_intent_id: string; amount: number }[] {
  const ids = new Set(order.payment_intents.filter((pi) => pi.checkout_session_id === session.id).map((pi) => pi.id));
  return events.flatMap((e) => (e.type === 'PaymentCaptured' && ids.has(e.data.payment_intent_id) ? [{ payment_intent_id: e.data.payment_intent_id, amount: e.data.amount }] : []));
}

export function evolveCheckoutSessionCompleted(order: ExistingOrder, { data }: CheckoutSessionCompleted): ExistingOrder {
  return withSession(order, data.checkout_session_id, { status: 'completed', payment_intent_id: data.payment_intent_id, ended_at: data.occurred_at });
}
