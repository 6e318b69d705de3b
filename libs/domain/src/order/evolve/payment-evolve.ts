import { assertNever } from '../../core/decider.js';
import type { ExistingOrder } from '../model/order-state.js';
import { refundPartsOf, type PaymentEvent, type RefundFailed, type RefundRequested, type RefundSucceeded } from '../model/payment-events.js';
import { refundStatusOf, type PaymentIntent, type Refund, type RefundPart } from '../model/payment-state.js';

/**
 * Folds a payment or refund event into the order: the intent (or refund) it names changes, and
 * the order's MoneyFacts follow (PaymentCaptured → captured, RefundSucceeded → refunded), so
 * the balance, payment_status, refund_status and the LINE_ITEMS_LOCKED guard need nothing else.
 * Events are accepted facts: one naming an unknown intent or refund changes nothing.
 */
export function evolvePayment(order: ExistingOrder, event: PaymentEvent): ExistingOrder {
  const at = event.data.occurred_at;
  switch (event.type) {
    case 'PaymentIntentCreated': {
      const { payment_intent_id, amount, currency, capture_method, customer_id } = event.data;
      const intent = { ...newIntent(payment_intent_id, amount, currency, capture_method, customer_id, at), off_session: event.data.off_session === true, checkout_session_id: event.data.checkout_session_id ?? null };
      return { ...order, payment_intents: [...order.payment_intents, intent] };
    }
    case 'PaymentMethodAttached':
      return withIntent(order, event.data.payment_intent_id, at, () => ({ status: 'requires_confirmation', payment_method: event.data.payment_method }));
    case 'PaymentProcessingStarted': {
      const { attempt_key, amount, capture } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({
        status: 'processing',
        pending: { attempt_key, operation: 'authorize', amount, capture },
        confirming_amount: amount,
        next_action: null,
        attempt_keys: [...pi.attempt_keys, attempt_key],
      }));
    }
    case 'PaymentActionRequired':
      return withIntent(order, event.data.payment_intent_id, at, () => ({ status: 'requires_action', pending: null, next_action: { action_id: event.data.action_id } }));
    case 'PaymentAuthorized': {
      const { amount, authorization_id, expires_at } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({
        status: 'requires_capture',
        authorization_id,
        authorized: pi.authorized + amount,
        capturable: pi.capturable + amount,
        authorized_at: at,
        expires_at,
        last_error: null,
        pending: null,
        confirming_amount: null,
        next_action: null,
      }));
    }
    case 'PaymentFailed': {
      const { code, message } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, () => ({
        status: 'requires_payment_method',
        payment_method: null,
        last_error: { code, message },
        pending: null,
        confirming_amount: null,
        next_action: null,
      }));
    }
    case 'PaymentCaptureStarted': {
      const { attempt_key, capture_id, amount, final } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({
        status: 'processing',
        pending: { attempt_key, operation: 'capture', amount, capture_id, final, reduce_order: event.data.reduce_order ?? false },
        attempt_keys: [...pi.attempt_keys, attempt_key],
      }));
    }
    case 'PaymentCaptured': {
      const { capture_id, charge_id, amount, final } = event.data;
      const next = withIntent(order, event.data.payment_intent_id, at, (pi) => {
        const capturable = pi.capturable - amount;
        return {
          status: final || capturable === 0 ? 'succeeded' : 'requires_capture',
          captured: pi.captured + amount,
          capturable,
          captures: [...pi.captures, { capture_id, charge_id, amount }],
          last_error: null,
          pending: null,
        };
      });
      return next;
    }
    case 'PaymentCaptureFailed':
    case 'PaymentVoidFailed': {
      const { code, message } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, () => ({ status: 'requires_capture', last_error: { code, message }, pending: null }));
    }
    case 'PaymentVoidStarted': {
      const { attempt_key, amount, reason, cancellation_reason } = event.data;
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({
        status: 'processing',
        pending: { attempt_key, operation: 'void', amount, reason, cancellation_reason, reduce_order: event.data.reduce_order ?? false },
        attempt_keys: [...pi.attempt_keys, attempt_key],
      }));
    }
    case 'PaymentAuthorizationReleased':
      // The status is set by the event that comes with it (captured, canceled or expired), except
      // for the rest of a partly captured hold: releasing it is what ends the intent.
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({
        released: pi.released + event.data.amount,
        capturable: pi.capturable - event.data.amount,
        pending: null,
        ...(event.data.reason === 'rest_released' ? { status: 'succeeded' as const } : {}),
      }));
    case 'PaymentIntentCanceled':
      return withIntent(order, event.data.payment_intent_id, at, () => ({
        status: 'canceled',
        cancellation_reason: event.data.cancellation_reason,
        pending: null,
        confirming_amount: null,
        next_action: null,
      }));
    case 'PaymentAuthorizationExpired':
      return withIntent(order, event.data.payment_intent_id, at, (pi) => ({ status: pi.captured > 0 ? 'succeeded' : 'expired', pending: null }));
    case 'RefundRequested':
      return { ...order, refunds: [...order.refunds, newRefund(event)] };
    case 'RefundSucceeded':
      return refundSettled(order, event);
    case 'RefundFailed':
      return refundSettled(order, event);
    default:
      return assertNever(event);
  }
}

function newIntent(
  id: string,
  amount: number | null,
  currency: string,
  capture_method: PaymentIntent['capture_method'],
  customer_id: string | null,
  at: string,
): PaymentIntent {
  return {
    id,
    status: 'requires_payment_method',
    amount,
    currency,
    capture_method,
    customer_id,
    off_session: false,
    checkout_session_id: null,
    payment_method: null,
    authorization_id: null,
    authorized: 0,
    capturable: 0,
    captured: 0,
    released: 0,
    refunded: 0,
    captures: [],
    authorized_at: null,
    expires_at: null,
    last_error: null,
    pending: null,
    confirming_amount: null,
    next_action: null,
    cancellation_reason: null,
    attempt_keys: [],
    created_at: at,
    updated_at: at,
  };
}

function withIntent(order: ExistingOrder, id: string, at: string, change: (pi: PaymentIntent) => Partial<PaymentIntent>): ExistingOrder {
  if (!order.payment_intents.some((pi) => pi.id === id)) return order;
  return { ...order, payment_intents: order.payment_intents.map((pi) => (pi.id === id ? { ...pi, ...change(pi), updated_at: at } : pi)) };
}

function newRefund(event: RefundRequested): Refund {
  const { refund_id, amount, reason, line_items, occurred_at } = event.data;
  return {
    id: refund_id,
    amount,
    status: 'pending',
    reason,
    line_items,
    parts: refundPartsOf(event.data).map((p) => ({ ...p, status: 'pending', processor_refund_id: null, failure_code: null })),
    created_at: occurred_at,
    updated_at: occurred_at,
  };
}

/** One part settles; the order's and its payment's refunded amounts follow a success. */
function refundSettled(order: ExistingOrder, event: RefundSucceeded | RefundFailed): ExistingOrder {
  const { refund_id, attempt_key, occurred_at } = event.data;
  const refund = order.refunds.find((r) => r.id === refund_id);
  const part = refund?.parts.find((p) => p.attempt_key === attempt_key);
  if (!refund || !part || part.status !== 'pending') return order;
  const settledPart: RefundPart =
    event.type === 'RefundSucceeded'
      ? { ...part, status: 'succeeded', processor_refund_id: event.data.processor_refund_id }
      : { ...part, status: 'failed', failure_code: event.data.failure_code };
  const parts = refund.parts.map((p) => (p === part ? settledPart : p));
  const settled: Refund = { ...refund, parts, status: refundStatusOf(parts), updated_at: occurred_at };
  const refunds = order.refunds.map((r) => (r.id === refund_id ? settled : r));
  if (event.type === 'RefundFailed') return { ...order, refunds };
  return withIntent({ ...order, refunds }, part.payment_intent_id, occurred_at, (pi) => ({ refunded: pi.refunded + part.amount }));
}
