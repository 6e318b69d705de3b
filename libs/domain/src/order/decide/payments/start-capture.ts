import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { StartCapture } from '../../model/payment-commands.js';
import type { PaymentCaptureStarted } from '../../model/payment-events.js';
import { outstandingOf, requireIntent, requireLiveAuthorization, requireNewAttemptKey, validateOrderMoney, validateReduceOrder, validateText } from '../../rules/payment-guards.js';

/**
 * Captures all or part of an authorization (the amount defaults to everything capturable).
 * A final capture releases the rest once it succeeds; a non-final one leaves the rest capturable.
 * With `reduce_order` the released rest is also taken off what the order is owed (not bad debt):
 * "shipped less, captured less". Without it the rest stays owed, to collect another way.
 */
export function decideStartCapture(command: StartCapture, state: OrderState): PaymentCaptureStarted[] {
  const { order_id, payment_intent_id, attempt_key, capture_id, amount_money, final } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  requireLiveAuthorization(intent, 'capture', command.now);
  const captureId = validateText(capture_id, 'capture_id');
  if (intent.captures.some((c) => c.capture_id === captureId)) throw orderError('INVALID_REQUEST', `capture ${captureId} was already recorded`, 'capture_id');
  const toCapture = amount_money === undefined || amount_money === null ? intent.capturable : validateOrderMoney(amount_money, 'amount_money', order.currency);
  if (toCapture > intent.capturable) {
    throw orderError('CAPTURE_EXCEEDS_CAPTURABLE', `cannot capture ${toCapture}: payment intent ${intent.id} has ${intent.capturable} capturable`, 'amount_money');
  }
  // Money in beyond the balance is refused: a hold never exceeds what was owed when it was granted,
  // but a write-off or offline money may have lowered the balance since.
  const capturingElsewhere = order.payment_intents.reduce((sum, pi) => sum + (pi.pending?.operation === 'capture' ? pi.pending.amount : 0), 0);
  const owed = outstandingOf(order) - capturingElsewhere;
  if (toCapture > owed) {
    throw orderError('AMOUNT_EXCEEDS_OUTSTANDING', `cannot capture ${toCapture}: order ${order.id} has only ${Math.max(owed, 0)} left to collect (cancel the rest of the hold)`, 'amount_money');
  }
  if (final !== undefined && final !== null && typeof final !== 'boolean') throw orderError('INVALID_REQUEST', 'final must be true or false', 'final');
  const reduceOrder = validateReduceOrder(command.data.reduce_order);
  if (reduceOrder && final === false) throw orderError('INVALID_REQUEST', 'reduce_order applies to a final capture: it takes the released rest off what the order is owed', 'reduce_order');
  const key = requireNewAttemptKey(order, attempt_key);
  return [
    {
      type: 'PaymentCaptureStarted',
      data: { order_id, payment_intent_id: intent.id, attempt_key: key, capture_id: captureId, amount: toCapture, final: final ?? true, ...(reduceOrder && { reduce_order: true }), occurred_at: command.now },
    },
  ];
}
