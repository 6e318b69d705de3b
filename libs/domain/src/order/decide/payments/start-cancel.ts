import { assertNever } from '../../../core/decider.js';
import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { StartCancel } from '../../model/payment-commands.js';
import type { PaymentIntentCanceled, PaymentVoidStarted } from '../../model/payment-events.js';
import { requireIntent, requireLiveAuthorization, requireNewAttemptKey, unexpectedState, validateReduceOrder } from '../../rules/payment-guards.js';
import type { CancellationReason } from '../../model/payment-state.js';

const REASONS: readonly CancellationReason[] = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/**
 * Before any authorization the intent is canceled at once. With an uncaptured authorization the
 * hold is voided at the processor first (PaymentVoidStarted, then RecordVoidOutcome). After a
 * non-final capture, cancel releases the rest of the hold (reason rest_released): the intent ends
 * `succeeded` with what it captured, and with `reduce_order` the released rest is also taken off
 * what the order is owed. Once nothing is left to release (captured in full, or a final capture),
 * cancel is CANCEL_AFTER_CAPTURE: refund instead.
 */
export function decideStartCancel(command: StartCancel, state: OrderState): (PaymentIntentCanceled | PaymentVoidStarted)[] {
  const { order_id, payment_intent_id, attempt_key, reason } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  const cancellation_reason = reason ?? null;
  if (cancellation_reason !== null && !REASONS.includes(cancellation_reason)) throw orderError('INVALID_REQUEST', `reason must be one of ${REASONS.join(', ')}`, 'reason');
  const reduceOrder = validateReduceOrder(command.data.reduce_order);
  if (intent.captured > 0 && intent.status === 'requires_capture' && intent.capturable > 0) {
    requireLiveAuthorization(intent, 'release the rest of', command.now);
    const key = requireNewAttemptKey(order, attempt_key);
    return [
      {
        type: 'PaymentVoidStarted',
        data: { order_id, payment_intent_id: intent.id, attempt_key: key, amount: intent.capturable, reason: 'rest_released', cancellation_reason: null, ...(reduceOrder && { reduce_order: true }), occurred_at: command.now },
      },
    ];
  }
  if (intent.captured > 0) throw orderError('CANCEL_AFTER_CAPTURE', `payment intent ${intent.id} has captured ${intent.captured} and holds nothing more: refund it instead`);
  if (reduceOrder) throw orderError('INVALID_REQUEST', 'reduce_order applies to releasing the rest of a hold after a capture', 'reduce_order');
  const base = { order_id, payment_intent_id: intent.id, occurred_at: command.now };
  switch (intent.status) {
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'requires_action':
      return [{ type: 'PaymentIntentCanceled', data: { ...base, cancellation_reason } }];
    case 'requires_capture': {
      const key = requireNewAttemptKey(order, attempt_key);
      return [{ type: 'PaymentVoidStarted', data: { ...base, attempt_key: key, amount: intent.capturable, reason: 'canceled', cancellation_reason } }];
    }
    case 'processing':
    case 'succeeded':
    case 'canceled':
    case 'expired':
      throw unexpectedState(intent, 'cancel');
    default:
      return assertNever(intent.status);
  }
}
