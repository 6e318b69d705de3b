import type { OrderEvent } from '../order/model/order-events.js';
import type { CardSummary, CaptureMethod } from '../order/model/payment-state.js';
import { CREATED_AT, LI_1, LI_2, lineItemAdded, NOW, ORDER_ID, orderCreated, usd } from './order-fixtures.js';

/* Builders for payment and refund tests: events as the decider emits them, at NOW by default. */

export const PI_1 = 'pi_0000000000000001';
export const PI_2 = 'pi_0000000000000002';
export const REF_1 = 'ref_0000000000000001';
export const REF_2 = 'ref_0000000000000002';
export const KEY_1 = 'key-1';
export const KEY_2 = 'key-2';
export const KEY_3 = 'key-3';
export const KEY_4 = 'key-4';
export const CAP_1 = 'cap_1';
export const CAP_2 = 'cap_2';
/** NOW + 7 days: when an authorization granted at NOW expires. */
export const EXPIRES_AT = '2025-03-08T10:05:00.000Z';

export const CARD: CardSummary = { token: 'tok_visa', brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };

/** An open order with a total of 100.00 USD: LI_1 4 × 20.00 and LI_2 1 × 20.00. */
export const ORDER_100: OrderEvent[] = [orderCreated(), lineItemAdded(LI_1, { quantity: 4, unit_price_money: usd(2000) }), lineItemAdded(LI_2, { unit_price_money: usd(2000) })];

const base = (payment_intent_id = PI_1, occurred_at = NOW) => ({ order_id: ORDER_ID, payment_intent_id, occurred_at });

export const intentCreated = (pi = PI_1, capture_method: CaptureMethod = 'manual', amount: number | null = null): OrderEvent => ({
  type: 'PaymentIntentCreated',
  data: { ...base(pi, CREATED_AT), amount, currency: 'USD', capture_method, customer_id: null },
});
export const methodAttached = (pi = PI_1, payment_method: CardSummary = CARD): OrderEvent => ({ type: 'PaymentMethodAttached', data: { ...base(pi), payment_method } });
export const processingStarted = (pi = PI_1, attempt_key = KEY_1, amount = 10000, capture = false, action_result: 'approve' | 'fail' | null = null): OrderEvent => ({
  type: 'PaymentProcessingStarted',
  data: { ...base(pi), attempt_key, amount, capture, action_result },
});
export const actionRequired = (pi = PI_1, attempt_key = KEY_1, action_id = 'act_1'): OrderEvent => ({ type: 'PaymentActionRequired', data: { ...base(pi), attempt_key, action_id } });
export const authorized = (pi = PI_1, attempt_key = KEY_1, amount = 10000, authorization_id = 'auth_1'): OrderEvent => ({
  type: 'PaymentAuthorized',
  data: { ...base(pi), attempt_key, authorization_id, amount, expires_at: EXPIRES_AT },
});
export const paymentFailed = (pi = PI_1, attempt_key = KEY_1, failure_type: 'declined' | 'error' = 'declined', code = 'card_declined', message = 'The card was declined'): OrderEvent => ({
  type: 'PaymentFailed',
  data: { ...base(pi), attempt_key, failure_type, code, message },
});
export const captureStarted = (pi = PI_1, attempt_key = KEY_2, amount = 10000, final = true, capture_id = CAP_1, reduce_order = false): OrderEvent => ({
  type: 'PaymentCaptureStarted',
  data: { ...base(pi), attempt_key, capture_id, amount, final, ...(reduce_order && { reduce_order: true }) },
});
export const orderReduced = (amount: number, pi = PI_1): OrderEvent => ({
  type: 'OrderBalanceReduced',
  data: { order_id: base(pi).order_id, amount, payment_intent_id: pi, reason: 'authorization_released', occurred_at: base(pi).occurred_at },
});
export const captured = (pi = PI_1, attempt_key = KEY_2, amount = 10000, final = true, capture_id = CAP_1, charge_id = 'ch_1'): OrderEvent => ({
  type: 'PaymentCaptured',
  data: { ...base(pi), attempt_key, capture_id, charge_id, amount, final },
});
export const captureFailed = (pi = PI_1, attempt_key = KEY_2): OrderEvent => ({ type: 'PaymentCaptureFailed', data: { ...base(pi), attempt_key, code: 'processing_error', message: 'Try again' } });
export const voidStarted = (pi = PI_1, attempt_key = KEY_2, amount = 10000, reason: 'canceled' | 'expired' | 'rest_released' = 'canceled', reduce_order = false): OrderEvent => ({
  type: 'PaymentVoidStarted',
  data: { ...base(pi), attempt_key, amount, reason, cancellation_reason: null, ...(reduce_order && { reduce_order: true }) },
});
export const voidFailed = (pi = PI_1, attempt_key = KEY_2): OrderEvent => ({ type: 'PaymentVoidFailed', data: { ...base(pi), attempt_key, code: 'processing_error', message: 'Try again' } });
export const released = (pi = PI_1, amount = 10000, reason: 'final_capture' | 'canceled' | 'expired' | 'rest_released' = 'final_capture'): OrderEvent => ({
  type: 'PaymentAuthorizationReleased',
  data: { ...base(pi), amount, reason },
});
export const canceled = (pi = PI_1): OrderEvent => ({ type: 'PaymentIntentCanceled', data: { ...base(pi), cancellation_reason: null } });
export const expired = (pi = PI_1): OrderEvent => ({ type: 'PaymentAuthorizationExpired', data: base(pi) });

export const refundRequested = (
  amount = 1000,
  refund_id = REF_1,
  attempt_key = KEY_3,
  pi = PI_1,
  line_items: { line_item_id: string; quantity: number; amount: number }[] = [],
): OrderEvent => ({
  type: 'RefundRequested',
  data: { order_id: ORDER_ID, refund_id, amount, reason: null, line_items, parts: [{ payment_intent_id: pi, attempt_key, amount }], occurred_at: NOW },
});
export const refundSucceeded = (amount = 1000, refund_id = REF_1, attempt_key = KEY_3, pi = PI_1): OrderEvent => ({
  type: 'RefundSucceeded',
  data: { order_id: ORDER_ID, refund_id, payment_intent_id: pi, attempt_key, amount, processor_refund_id: 're_1', occurred_at: NOW },
});
export const refundFailed = (amount = 1000, refund_id = REF_1, attempt_key = KEY_3, pi = PI_1): OrderEvent => ({
  type: 'RefundFailed',
  data: { order_id: ORDER_ID, refund_id, payment_intent_id: pi, attempt_key, amount, failure_code: 'refund_failed', occurred_at: NOW },
});

/** PI_1 (manual) confirmed for the whole 100.00: processing under KEY_1. */
export const PROCESSING: OrderEvent[] = [...ORDER_100, intentCreated(), methodAttached(), processingStarted()];
/** PI_1 authorized for 100.00 (hold under KEY_1, expires EXPIRES_AT). */
export const AUTHORIZED: OrderEvent[] = [...PROCESSING, authorized()];
/** PI_1 captured in full (under KEY_2): the order is paid. */
export const CAPTURED: OrderEvent[] = [...AUTHORIZED, captureStarted(), captured()];
