import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import type { StartPaymentConfirmation } from '../../model/payment-commands.js';
import type { PaymentMethodAttached, PaymentProcessingStarted } from '../../model/payment-events.js';
import { heldAmount, outstandingOf, requireIntent, requireNewAttemptKey, unexpectedState } from '../../rules/payment-guards.js';
import { validatePaymentMethod } from '../../rules/payment-method-input.js';
import type { PaymentIntent } from '../../model/payment-state.js';

/**
 * Records that the authorization is about to be asked for (the intent becomes `processing`).
 * The amount is fixed now: the intent's own amount, or what the order still has to collect —
 * its outstanding balance minus what other intents already hold (in flight or authorized and
 * not yet captured). Money in beyond that is refused.
 */
export function decideStartPaymentConfirmation(command: StartPaymentConfirmation, state: OrderState): (PaymentMethodAttached | PaymentProcessingStarted)[] {
  const { order_id, payment_intent_id, attempt_key, payment_method } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') throw unexpectedState(intent, 'confirm');
  const attached: PaymentMethodAttached[] =
    payment_method === undefined || payment_method === null
      ? []
      : [{ type: 'PaymentMethodAttached', data: { order_id, payment_intent_id: intent.id, payment_method: validatePaymentMethod(payment_method, 'payment_method'), occurred_at: command.now } }];
  if (attached.length === 0 && intent.payment_method === null) {
    throw orderError('PAYMENT_METHOD_REQUIRED', `payment intent ${intent.id} has no payment method: attach one or send it with the confirmation`, 'payment_method');
  }
  const invoice = order.invoices.find((inv) => inv.lifecycle === 'issued');
  if (invoice && intent.capture_method === 'manual') {
    throw orderError('INVOICE_REQUIRES_AUTOMATIC_CAPTURE', `invoice ${invoice.id} holds order ${order.id}: a manual-capture payment cannot be confirmed now`, 'capture_method');
  }
  const key = requireNewAttemptKey(order, attempt_key);
  const amount = amountToAuthorize(order, intent);
  return [
    ...attached,
    {
      type: 'PaymentProcessingStarted',
      data: { order_id, payment_intent_id: intent.id, attempt_key: key, amount, capture: intent.capture_method === 'automatic', action_result: null, occurred_at: command.now },
    },
  ];
}

export function amountToAuthorize(order: ExistingOrder, intent: PaymentIntent): number {
  const heldElsewhere = order.payment_intents.filter((pi) => pi.id !== intent.id).reduce((sum, pi) => sum + heldAmount(pi), 0);
  const available = outstandingOf(order) - heldElsewhere;
  if (available <= 0 && heldElsewhere > 0) {
    throw orderError('PAYMENT_IN_PROGRESS', `other payments of order ${order.id} hold ${heldElsewhere} of what is owed: capture, complete or cancel them first`);
  }
  if (available <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} has nothing left to collect`);
  if (intent.amount === null) return available;
  if (intent.amount > available) {
    throw orderError('AMOUNT_EXCEEDS_OUTSTANDING', `payment intent ${intent.id} asks for ${intent.amount} but order ${order.id} has only ${available} left to collect`, 'amount_money');
  }
  return intent.amount;
}
