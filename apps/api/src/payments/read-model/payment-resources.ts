import type { ExistingOrder, Money, PaymentIntent, Refund } from '#ordo/domain';

/** The API representation of a payment intent: card brand/last4/expiry only, never the token. */
export function toPaymentIntentResource(order: ExistingOrder, intent: PaymentIntent) {
  const m = (amount: number): Money => ({ amount, currency: intent.currency });
  const amount = intent.amount ?? intent.confirming_amount ?? (intent.authorized > 0 ? intent.authorized : null);
  const card = intent.payment_method;
  return {
    id: intent.id,
    object: 'payment_intent' as const,
    order_id: order.id,
    status: intent.status,
    capture_method: intent.capture_method,
    currency: intent.currency,
    customer_id: intent.customer_id,
    // Intents folded before off-session existed have no flag: they had a buyer present.
    off_session: intent.off_session === true,
    amount_money: amount === null ? null : m(amount),
    authorized_money: m(intent.authorized),
    capturable_money: m(intent.capturable),
    captured_money: m(intent.captured),
    released_money: m(intent.released),
    refunded_money: m(intent.refunded),
    payment_method: card
      ? { type: 'card', card: { brand: card.brand, last4: card.last4, exp_month: card.exp_month, exp_year: card.exp_year }, saved_payment_method_id: card.payment_method_id ?? null }
      : null,
    captures: intent.captures.map((c) => ({ id: c.capture_id, amount_money: m(c.amount) })),
    last_payment_error: intent.last_error,
    // The buyer completes the challenge on the hosted page (the queries add its redirect_url); in test mode POST …/complete-action stands in too.
    next_action: intent.status === 'requires_action' && intent.next_action ? ({ type: 'authenticate_card', action_id: intent.next_action.action_id } as { type: 'authenticate_card'; action_id: string; redirect_url?: string }) : null,
    authorized_at: intent.authorized_at,
    expires_at: intent.expires_at,
    cancellation_reason: intent.cancellation_reason,
    created_at: intent.created_at,
    updated_at: intent.updated_at,
  };
}

export type PaymentIntentResource = ReturnType<typeof toPaymentIntentResource>;

export function toRefundResource(order: ExistingOrder, refund: Refund) {
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  return {
    id: refund.id,
    object: 'refund' as const,
    order_id: order.id,
    // The one payment refunded, or null when the refund is spread over several (see `payments`).
    payment_intent_id: refund.parts.length === 1 ? refund.parts[0]!.payment_intent_id : null,
    status: refund.status,
    amount_money: m(refund.amount),
    reason: refund.reason,
    line_items: refund.line_items.map((l) => ({ line_item_id: l.line_item_id, quantity: l.quantity, amount_money: m(l.amount) })),
    payments: refund.parts.map((p) => ({ payment_intent_id: p.payment_intent_id, amount_money: m(p.amount), status: p.status, failure_code: p.failure_code })),
    failure_code: refund.parts.find((p) => p.failure_code !== null)?.failure_code ?? null,
    created_at: refund.created_at,
    updated_at: refund.updated_at,
  };
}

export type RefundResource = ReturnType<typeof toRefundResource>;
