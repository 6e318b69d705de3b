import { orderError } from '../model/order-errors.js';
import type { ExistingOrder } from '../model/order-state.js';
import { validateId } from '../rules/validation/fields.js';
import type { CheckoutSession } from './checkout-model.js';

export function requireSession(order: ExistingOrder, id: unknown, field = 'checkout_session_id'): CheckoutSession {
  const sessionId = validateId('cs_', id, field);
  const session = order.checkout_sessions.find((s) => s.id === sessionId);
  if (!session) throw orderError('CHECKOUT_SESSION_NOT_FOUND', `checkout session ${sessionId} is not on order ${order.id}`, field);
  return session;
}

/** The open session holding the order's right to collect, if any. */
export function openSession(order: ExistingOrder): CheckoutSession | undefined {
  return order.checkout_sessions.find((s) => s.status === 'open');
}

export function requireOpenSession(order: ExistingOrder, id: unknown): CheckoutSession {
  const session = requireSession(order, id);
  if (session.status !== 'open') throw orderError('CHECKOUT_SESSION_NOT_OPEN', `checkout session ${session.id} is ${session.status}`, 'checkout_session_id');
  return session;
}

/** Refuses a payment through a session that is not open or whose expiry has passed at `now`. */
export function requirePayableSession(order: ExistingOrder, id: unknown, now: string): CheckoutSession {
  const session = requireOpenSession(order, id);
  if (now >= session.expires_at) throw orderError('CHECKOUT_SESSION_EXPIRED', `checkout session ${session.id} expired at ${session.expires_at}`, 'checkout_session_id');
  return session;
}

export function withSession(order: ExistingOrder, id: string, change: Partial<CheckoutSession>): ExistingOrder {
  return { ...order, checkout_sessions: order.checkout_sessions.map((s) => (s.id === id ? { ...s, ...change } : s)) };
}
