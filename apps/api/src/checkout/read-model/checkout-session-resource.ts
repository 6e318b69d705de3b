import { collectibleNow, computeOrderTotals, type CheckoutSession, type ExistingOrder, type Money } from '#ordo/domain';

/**
 * The API representation of a checkout session, without its URL (the queries add it from the
 * configured public address, so moving the service does not need a rebuild). amount_due_money is
 * what the page charges now: the order's live balance while open (the session re-prices when the
 * order changes or money comes in), what it collected once completed, 0 once ended otherwise.
 */
export function toCheckoutSessionResource(order: ExistingOrder, session: CheckoutSession) {
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  const paid = session.payment_intent_id ? (order.payment_intents.find((pi) => pi.id === session.payment_intent_id)?.captured ?? 0) : 0;
  return {
    id: session.id,
    object: 'checkout_session' as const,
    order_id: order.id,
    customer_id: order.customer_id,
    payment_link_id: session.payment_link_id,
    status: session.status,
    currency: order.currency,
    amount_total_money: m(computeOrderTotals(order).total),
    amount_due_money: m(session.status === 'open' ? Math.max(collectibleNow(order), 0) : session.status === 'completed' ? paid : 0),
    success_url: session.success_url,
    cancel_url: session.cancel_url,
    allow_save_card: session.allow_save_card,
    expires_at: session.expires_at,
    payment_intent_id: session.payment_intent_id,
    close_reason: session.close_reason,
    created_at: session.created_at,
    ended_at: session.ended_at,
  };
}

export type CheckoutSessionResource = ReturnType<typeof toCheckoutSessionResource> & { url: string | null };
