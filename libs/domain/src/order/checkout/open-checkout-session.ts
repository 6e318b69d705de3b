import { orderError } from '../model/order-errors.js';
import type { ExistingOrder, OrderState } from '../model/order-state.js';
import { requireOpenOrder } from '../rules/order-guards.js';
import { validateId } from '../rules/validation/fields.js';
import { collectibleNow, issuedInvoice } from '../rules/collection-guards.js';
import { hasPaymentInFlight } from '../rules/payment-guards.js';
import type { CheckoutSessionClosed, CheckoutSessionOpened, OpenCheckoutSession } from './checkout-model.js';
import { openSession, withSession } from './checkout-guards.js';

export const MIN_SESSION_MINUTES = 30;
export const MAX_SESSION_HOURS = 24;
const MAX_URL_LENGTH = 2048;
const PAY_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * A hosted checkout for what the order still owes. The session takes the order's right to
 * collect: refused while an issued invoice holds it (ORDER_HELD_BY_INVOICE) or another session is
 * open (ORDER_HELD_BY_CHECKOUT), unless the command names that session to replace — an explicit
 * compare-and-swap: the old one is closed as `replaced` in the same append. Like issuing an
 * invoice, refused while an online payment is in flight or holds an authorization.
 *
 * The session does not freeze the order: it always charges what the order owes when the buyer
 * pays, and the buyer pays only the amount the page showed (AMOUNT_DUE_CHANGED otherwise).
 */
export function decideOpenCheckoutSession(command: OpenCheckoutSession, state: OrderState): (CheckoutSessionClosed | CheckoutSessionOpened)[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const id = validateId('cs_', command.data.checkout_session_id, 'checkout_session_id');
  if (order.checkout_sessions.some((s) => s.id === id)) throw orderError('CHECKOUT_SESSION_ALREADY_EXISTS', `checkout session ${id} already exists`, 'checkout_session_id');
  const { pay_token } = command.data;
  if (typeof pay_token !== 'string' || !PAY_TOKEN.test(pay_token)) throw orderError('INVALID_REQUEST', 'pay_token must be 16 to 128 URL-safe characters', 'pay_token');
  const success_url = validateRedirectUrl(command.data.success_url, 'success_url');
  const cancel_url = validateRedirectUrl(command.data.cancel_url, 'cancel_url');
  const expires_at = validateExpiresAt(command.data.expires_at, command.now);
  const allow_save_card = validateAllowSaveCard(command.data.allow_save_card, order);
  const invoice = issuedInvoice(order);
  if (invoice) throw orderError('ORDER_HELD_BY_INVOICE', `issued invoice ${invoice.id} holds order ${order.id}: void it or mark it uncollectible first`);
  const replaced = replacedSession(order, command.data.replace_checkout_session_id);
  if (hasPaymentInFlight(order)) throw orderError('PAYMENT_IN_PROGRESS', `an online payment of order ${order.id} is in flight or holds an authorization: capture or cancel it first`);
  if (collectibleNow(order) <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} has nothing left to collect`);
  const base = { order_id: order.id, occurred_at: command.now };
  const close: CheckoutSessionClosed[] = replaced ? [{ type: 'CheckoutSessionClosed', data: { ...base, checkout_session_id: replaced, reason: 'replaced' } }] : [];
  return [
    ...close,
    {
      type: 'CheckoutSessionOpened',
      data: { ...base, checkout_session_id: id, pay_token, success_url, cancel_url, expires_at, allow_save_card, payment_link_id: command.data.payment_link_id ?? null },
    },
  ];
}

/** The open session the command replaces; one open without being named is ORDER_HELD_BY_CHECKOUT. */
function replacedSession(order: ExistingOrder, replace: unknown): string | null {
  const open = openSession(order);
  if (replace === undefined || replace === null) {
    if (open) throw orderError('ORDER_HELD_BY_CHECKOUT', `checkout session ${open.id} is open on order ${order.id}: close it or replace it (replace_checkout_session_id)`);
    return null;
  }
  const named = validateId('cs_', replace, 'replace_checkout_session_id');
  if (!open || open.id !== named) {
    throw orderError('CHECKOUT_SESSION_REPLACE_MISMATCH', `checkout session ${named} is not the open session of order ${order.id}${open ? ` (${open.id} is)` : ''}`, 'replace_checkout_session_id');
  }
  return named;
}

function validateRedirectUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL.canParse(value)) {
    throw orderError('INVALID_REDIRECT_URL', `${field} must be an absolute http(s) URL of at most ${MAX_URL_LENGTH} characters`, field);
  }
  const url = new URL(value);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw orderError('INVALID_REDIRECT_URL', `${field} must be an http(s) URL without credentials`, field);
  }
  return value;
}

function validateExpiresAt(value: unknown, now: string): string {
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) ? Date.parse(value) : NaN;
  const from = Date.parse(now);
  if (!Number.isFinite(at) || at < from + MIN_SESSION_MINUTES * 60_000 || at > from + MAX_SESSION_HOURS * 3_600_000) {
    throw orderError('INVALID_EXPIRES_AT', `expires_at must be a UTC time ${MIN_SESSION_MINUTES} minutes to ${MAX_SESSION_HOURS} hours from now`, 'expires_at');
  }
  return new Date(at).toISOString();
}

function validateAllowSaveCard(value: unknown, order: ExistingOrder): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (value !== true) throw orderError('INVALID_REQUEST', 'allow_save_card must be true or false', 'allow_save_card');
  if (!order.customer_id) throw orderError('CUSTOMER_REQUIRED', 'saving the card needs a customer: set customer_id on the order', 'allow_save_card');
  return true;
}

export function evolveCheckoutSessionOpened(order: ExistingOrder, { data }: CheckoutSessionOpened): ExistingOrder {
  const { checkout_session_id, pay_token, success_url, cancel_url, expires_at, allow_save_card, payment_link_id, occurred_at } = data;
  return {
    ...order,
    checkout_sessions: [
      ...order.checkout_sessions,
      {
        id: checkout_session_id,
        status: 'open',
        pay_token,
        success_url,
        cancel_url,
        expires_at,
        allow_save_card,
        payment_link_id,
        payment_intent_id: null,
        close_reason: null,
        created_at: occurred_at,
        ended_at: null,
      },
    ],
  };
}

export function evolveCheckoutSessionClosed(order: ExistingOrder, { data }: CheckoutSessionClosed): ExistingOrder {
  return withSession(order, data.checkout_session_id, { status: 'closed', close_reason: data.reason, ended_at: data.occurred_at });
}
