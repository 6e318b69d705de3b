import { orderError } from '../../model/order-errors.js';
import type { OrderDetailsUpdated } from '../../model/order-events.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import type { CreatePaymentIntent } from '../../model/payment-commands.js';
import type { PaymentIntentCreated } from '../../model/payment-events.js';
import { requireInvoice } from '../../rules/collection-guards.js';
import { outstandingOf, validateOrderMoney } from '../../rules/payment-guards.js';
import type { CaptureMethod } from '../../model/payment-state.js';
import { requirePayableSession } from '../../checkout/checkout-guards.js';
import { collectibleNow, onlinePaymentResolving } from '../../rules/collection-guards.js';
import type { ExistingOrder } from '../../model/order-state.js';

/**
 * A buyer on a hosted page pays what the page showed: while another payment of the order is being
 * decided nothing more is taken (PAYMENT_IN_PROGRESS: a second click, another tab), and if what the
 * order can take now differs — the merchant changed the order, a wire came in — AMOUNT_DUE_CHANGED.
 */
function requireAmountDue(order: ExistingOrder, expected: unknown): void {
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected)) throw orderError('INVALID_REQUEST', 'expected_amount must be a whole number of minor units', 'expected_amount');
  if (onlinePaymentResolving(order)) throw orderError('PAYMENT_IN_PROGRESS', `a payment of order ${order.id} is being decided`);
  const due = collectibleNow(order);
  if (due !== expected) throw orderError('AMOUNT_DUE_CHANGED', `order ${order.id} now owes ${due}, not the ${expected} shown`, 'expected_amount');
}

/**
 * An intent is always in the order's currency. A fixed amount must fit in what the order still
 * has outstanding; without one the intent takes the outstanding balance when it is confirmed.
 * The customer defaults to the order's; another customer than the order's is CUSTOMER_MISMATCH,
 * and an order without one takes the intent's. An off-session intent needs a customer
 * (CUSTOMER_REQUIRED): it is charged from their saved method. While an issued invoice holds the order its card
 * payments use automatic capture only (INVOICE_REQUIRES_AUTOMATIC_CAPTURE).
 */
export function decideCreatePaymentIntent(command: CreatePaymentIntent, state: OrderState): (OrderDetailsUpdated | PaymentIntentCreated)[] {
  const { order_id, payment_intent_id, amount_money, capture_method, customer_id } = command.data;
  const order = requireOpenOrder(state, order_id);
  const id = validateId('pi_', payment_intent_id, 'payment_intent_id');
  if (order.payment_intents.some((pi) => pi.id === id)) throw orderError('PAYMENT_INTENT_ALREADY_EXISTS', `payment intent ${id} already exists`, 'payment_intent_id');
  const method = validateCaptureMethod(capture_method);
  if (command.data.invoice_id !== undefined && command.data.invoice_id !== null) {
    const paying = requireInvoice(order, command.data.invoice_id);
    if (paying.lifecycle !== 'issued') throw orderError('INVOICE_NOT_OPEN', `invoice ${paying.id} is ${paying.lifecycle}: it collects nothing`, 'invoice_id');
    if (outstandingOf(order) <= 0) throw orderError('INVOICE_PAID', `invoice ${paying.id} is paid`, 'invoice_id');
  }
  const session = command.data.checkout_session_id === undefined || command.data.checkout_session_id === null ? null : requirePayableSession(order, command.data.checkout_session_id, command.now);
  if (session && method !== 'automatic') throw orderError('CHECKOUT_REQUIRES_AUTOMATIC_CAPTURE', `hosted checkout ${session.id} always captures`, 'capture_method');
  if (command.data.expected_amount !== undefined && command.data.expected_amount !== null) requireAmountDue(order, command.data.expected_amount);
  const invoice = order.invoices.find((inv) => inv.lifecycle === 'issued');
  if (invoice && method === 'manual') {
    throw orderError('INVOICE_REQUIRES_AUTOMATIC_CAPTURE', `invoice ${invoice.id} holds order ${order.id}: its card payments are captured at once`, 'capture_method');
  }
  const fixed = amount_money === undefined || amount_money === null ? null : validateOrderMoney(amount_money, 'amount_money', order.currency);
  if (fixed !== null) {
    const outstanding = outstandingOf(order);
    if (fixed > outstanding) throw orderError('AMOUNT_EXCEEDS_OUTSTANDING', `amount ${fixed} is above the ${outstanding} outstanding on order ${order.id}`, 'amount_money');
  }
  const given = customer_id === undefined || customer_id === null ? null : validateId('cus_', customer_id, 'customer_id');
  if (given && order.customer_id && given !== order.customer_id) {
    throw orderError('CUSTOMER_MISMATCH', `order ${order.id} belongs to customer ${order.customer_id}: a payment for it cannot name another customer`, 'customer_id');
  }
  const customer = given ?? order.customer_id;
  const offSession = validateOffSession(command.data.off_session);
  if (offSession && customer === null) {
    throw orderError('CUSTOMER_REQUIRED', 'an off-session payment charges a customer\'s saved method: name the customer', 'customer_id');
  }
  // An order without a customer takes the payer's, so it shows in that customer's timeline and lists.
  const adopt: OrderDetailsUpdated[] = given && !order.customer_id ? [{ type: 'OrderDetailsUpdated', data: { order_id: order.id, changes: { customer_id: given }, occurred_at: command.now } }] : [];
  return [
    ...adopt,
    {
      type: 'PaymentIntentCreated',
      data: {
        order_id: order.id,
        payment_intent_id: id,
        amount: fixed,
        currency: order.currency,
        capture_method: method,
        customer_id: customer,
        ...(offSession ? { off_session: true as const } : {}),
        ...(session ? { checkout_session_id: session.id } : {}),
        occurred_at: command.now,
      },
    },
  ];
}

function validateOffSession(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw orderError('INVALID_REQUEST', 'off_session must be true or false', 'off_session');
  return value;
}

function validateCaptureMethod(value: unknown): CaptureMethod {
  if (value !== 'automatic' && value !== 'manual') throw orderError('INVALID_CAPTURE_METHOD', 'capture_method must be "automatic" or "manual"', 'capture_method');
  return value;
}
