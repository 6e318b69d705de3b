import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { AttachPaymentMethod } from '../../model/payment-commands.js';
import type { PaymentMethodAttached } from '../../model/payment-events.js';
import { requireIntent, unexpectedState } from '../../rules/payment-guards.js';
import { validatePaymentMethod } from '../../rules/payment-method-input.js';

/** Attaching again before confirmation replaces the card. */
export function decideAttachPaymentMethod(command: AttachPaymentMethod, state: OrderState): PaymentMethodAttached[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const intent = requireIntent(order, command.data.payment_intent_id);
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') throw unexpectedState(intent, 'attach a payment method to');
  const payment_method = validatePaymentMethod(command.data.payment_method, 'payment_method');
  return [{ type: 'PaymentMethodAttached', data: { order_id: order.id, payment_intent_id: intent.id, payment_method, occurred_at: command.now } }];
}
