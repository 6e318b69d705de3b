import type { OrderState } from '../model/order-state.js';
import { requireOrder } from '../rules/order-guards.js';
import type { CheckoutSessionClosed, CloseCheckoutSession } from './checkout-model.js';
import { requireSession } from './checkout-guards.js';

/**
 * The merchant ends an open session: its page stops taking payments and the order's right to
 * collect is free again. Closing a session that already ended records nothing (a retried close).
 */
export function decideCloseCheckoutSession(command: CloseCheckoutSession, state: OrderState): CheckoutSessionClosed[] {
  const order = requireOrder(state, command.data.order_id);
  const session = requireSession(order, command.data.checkout_session_id);
  if (session.status !== 'open') return [];
  return [{ type: 'CheckoutSessionClosed', data: { order_id: order.id, checkout_session_id: session.id, reason: 'closed', occurred_at: command.now } }];
}
