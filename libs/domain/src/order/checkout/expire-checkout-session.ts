import { orderError } from '../model/order-errors.js';
import type { ExistingOrder, OrderState } from '../model/order-state.js';
import { requireOrder } from '../rules/order-guards.js';
import type { CheckoutSessionExpired, ExpireCheckoutSession } from './checkout-model.js';
import { requireOpenSession, withSession } from './checkout-guards.js';

/**
 * The scheduler records that an open session's time ran out. Not before its expires_at
 * (CHECKOUT_SESSION_NOT_EXPIRED); not while a processor call of one of its payments is in
 * flight (PAYMENT_IN_PROGRESS): that call's outcome decides first, and the next run expires it.
 */
export function decideExpireCheckoutSession(command: ExpireCheckoutSession, state: OrderState): CheckoutSessionExpired[] {
  const order = requireOrder(state, command.data.order_id);
  const session = requireOpenSession(order, command.data.checkout_session_id);
  if (command.now < session.expires_at) throw orderError('CHECKOUT_SESSION_NOT_EXPIRED', `checkout session ${session.id} expires at ${session.expires_at}`);
  if (order.payment_intents.some((pi) => pi.checkout_session_id === session.id && pi.pending !== null)) {
    throw orderError('PAYMENT_IN_PROGRESS', `a payment of checkout session ${session.id} is being decided by the processor`);
  }
  return [{ type: 'CheckoutSessionExpired', data: { order_id: order.id, checkout_session_id: session.id, occurred_at: command.now } }];
}

export function evolveCheckoutSessionExpired(order: ExistingOrder, { data }: CheckoutSessionExpired): ExistingOrder {
  return withSession(order, data.checkout_session_id, { status: 'expired', ended_at: data.occurred_at });
}
