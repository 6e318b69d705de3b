import type { DomainError } from '../../core/domain-error.js';
import { MAX_AMOUNT, validateMoney } from '../../money/money.js';
import { issuedInvoice } from './collection-guards.js';
import { orderBalance } from '../model/balance.js';
import { orderError } from '../model/order-errors.js';
import type { OrderBalanceReduced } from '../model/order-events.js';
import type { ExistingOrder } from '../model/order-state.js';
import { computeOrderTotals } from './order-totals.js';
import { isRecord, validateId } from './validation/fields.js';
import type { PaymentIntent, PaymentOperation, PendingOperation } from '../model/payment-state.js';

/** Shared checks of the payment commands. */

export const MAX_KEY_LENGTH = 255;

/** The intent the command names, on this order. */
export function requireIntent(order: ExistingOrder, id: unknown, field = 'payment_intent_id'): PaymentIntent {
  const intentId = validateId('pi_', id, field);
  const intent = order.payment_intents.find((pi) => pi.id === intentId);
  if (!intent) throw orderError('PAYMENT_INTENT_NOT_FOUND', `payment intent ${intentId} is not on order ${order.id}`, field);
  return intent;
}

/** A processor-facing string (attempt key, processor id, error code or message): 1–255 characters. */
export function validateText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_KEY_LENGTH) {
    throw orderError('INVALID_REQUEST', `${field} must be a string of 1 to ${MAX_KEY_LENGTH} characters`, field);
  }
  return value;
}

/** Every attempt key names one processor call: a new call needs a key the order has never used. */
export function requireNewAttemptKey(order: ExistingOrder, value: unknown, field = 'attempt_key'): string {
  const key = validateText(value, field);
  const used = order.payment_intents.some((pi) => pi.attempt_keys.includes(key)) || order.refunds.some((r) => r.parts.some((p) => p.attempt_key === key));
  if (used) throw orderError('ATTEMPT_KEY_ALREADY_USED', `attempt key ${key} was already used on order ${order.id}`, field);
  return key;
}

/**
 * The started, unanswered call an outcome is recorded for. An outcome is accepted exactly once
 * per attempt key: a key never started here is PAYMENT_ATTEMPT_NOT_FOUND (also when it started
 * another kind of call), an answered one PAYMENT_ATTEMPT_ALREADY_SETTLED.
 */
export function requirePendingAttempt<O extends PaymentOperation>(intent: PaymentIntent, value: unknown, operation: O): Extract<PendingOperation, { operation: O }> {
  const key = validateText(value, 'attempt_key');
  if (!intent.attempt_keys.includes(key)) throw orderError('PAYMENT_ATTEMPT_NOT_FOUND', `payment intent ${intent.id} has no attempt ${key}`, 'attempt_key');
  const pending = intent.pending;
  if (pending === null || pending.attempt_key !== key) {
    throw orderError('PAYMENT_ATTEMPT_ALREADY_SETTLED', `the outcome of attempt ${key} on payment intent ${intent.id} is already recorded`, 'attempt_key');
  }
  if (pending.operation !== operation) {
    throw orderError('PAYMENT_ATTEMPT_NOT_FOUND', `attempt ${key} on payment intent ${intent.id} is a ${pending.operation}, not a ${operation}`, 'attempt_key');
  }
  return pending as Extract<PendingOperation, { operation: O }>;
}

/** What a capture decided now credits: the invoice holding the order, if any (see PaymentCaptured). */
export function invoiceCredited(order: ExistingOrder): { credits_invoice_id?: string } {
  const holder = issuedInvoice(order);
  return holder ? { credits_invoice_id: holder.id } : {};
}

export function validateReduceOrder(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw orderError('INVALID_REQUEST', 'reduce_order must be true or false', 'reduce_order');
  return value;
}

/**
 * The reduction a release asked to take off what the order is owed (reduce_order): the released
 * amount, but never more than the order still owes once the capture that comes with it is
 * counted — none at all when nothing is owed.
 */
export function orderReduction(order: ExistingOrder, intentId: string, released: number, capturingNow: number, now: string): OrderBalanceReduced[] {
  const amount = Math.max(0, Math.min(released, outstandingOf(order) - capturingNow));
  return amount === 0 ? [] : [{ type: 'OrderBalanceReduced', data: { order_id: order.id, amount, payment_intent_id: intentId, reason: 'authorization_released', occurred_at: now } }];
}

export function unexpectedState(intent: PaymentIntent, action: string): DomainError {
  // Not a final answer: the call in flight settles in moments, and a retry is then decided anew.
  if (intent.status === 'processing') {
    return orderError('PAYMENT_INTENT_PROCESSING', `cannot ${action} payment intent ${intent.id} now: a processor call on it is in flight; retry shortly`);
  }
  return orderError('PAYMENT_INTENT_UNEXPECTED_STATE', `cannot ${action} payment intent ${intent.id}: its status is ${intent.status}`);
}

/** The clearer refusals of a step that needs a live authorization. */
export function requireLiveAuthorization(intent: PaymentIntent, action: string, now: string): void {
  if (intent.status === 'canceled') throw orderError('PAYMENT_INTENT_CANCELED', `cannot ${action} payment intent ${intent.id}: it was canceled`);
  if (intent.status === 'expired' || (intent.status === 'requires_capture' && isExpired(intent, now))) {
    throw orderError('AUTHORIZATION_EXPIRED', `cannot ${action} payment intent ${intent.id}: its authorization expired at ${intent.expires_at}`);
  }
  if (intent.status !== 'requires_capture') throw unexpectedState(intent, action);
}

export function isExpired(intent: PaymentIntent, now: string): boolean {
  return intent.expires_at !== null && Date.parse(now) >= Date.parse(intent.expires_at);
}

/**
 * What an intent holds against the order's outstanding balance without having captured it:
 * the amount of a confirmation in flight (processing or waiting for the buyer's challenge)
 * plus what its authorization can still capture.
 */
export function heldAmount(intent: PaymentIntent): number {
  return (intent.confirming_amount ?? 0) + intent.capturable;
}

export function outstandingOf(order: ExistingOrder): number {
  return orderBalance(computeOrderTotals(order).total, order).outstanding;
}

/** A hold or a processor call is open: money may still move without a new request. */
export function hasPaymentInFlight(order: ExistingOrder): boolean {
  return order.payment_intents.some((pi) => pi.pending !== null || heldAmount(pi) > 0);
}

/** A positive whole amount of minor units, else INVALID_AMOUNT. */
/**
 * A `{ amount, currency }` input in the order's currency (UNKNOWN_CURRENCY, CURRENCY_MISMATCH
 * on `<field>.currency`) of at least one minor unit (INVALID_AMOUNT on `<field>.amount`).
 */
export function validateOrderMoney(value: unknown, field: string, orderCurrency: string): number {
  const money = validateMoney(value, field, orderCurrency);
  return validatePositiveAmount(money.amount, `${field}.amount`);
}

export function validatePositiveAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > MAX_AMOUNT) {
    throw orderError('INVALID_AMOUNT', `${field} must be a whole number of minor units from 1 to ${MAX_AMOUNT}`, field);
  }
  return value;
}

export function validateOptionalRecord(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw orderError('INVALID_REQUEST', `${field} must be an object`, field);
  return value;
}
