import { assertNever } from '../../core/decider.js';
import { orderError } from '../../orders/order-errors.js';
import { requireOpenOrder } from '../../orders/order-guards.js';
import type { OrderState } from '../../orders/order-state.js';
import type { StartCancel } from '../payment-commands.js';
import type { PaymentIntentCanceled, PaymentVoidStarted } from '../payment-events.js';
import { requireIntent, requireNewAttemptKey, unexpectedState } from '../payment-guards.js';
import type { CancellationReason } from '../payment-state.js';

const REASONS: readonly CancellationReason[] = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/**
 * Before any authorization the intent is canceled at once. With an uncaptured authorization the
 * hold is voided at the processor first (PaymentVoidStarted, then RecordVoidOutcome). Once
 * anything is captured the intent cannot be canceled: refund instead.
 */
export function decideStartCancel(command: StartCancel, state: OrderState): (PaymentIntentCanceled | PaymentVoidStarted)[] {
  const { order_id, payment_intent_id, attempt_key, reason } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  const cancellation_reason = reason ?? null;
  if (cancellation_reason !== null && !REASONS.includes(cancellation_reason)) throw orderError('INVALID_REQUEST', `reason must be one of ${REASONS.join(', ')}`, 'reason');
  if (intent.captured > 0) throw orderError('CANCEL_AFTER_CAPTURE', `payment intent ${intent.id} has captured ${intent.captured}: refund it instead`);
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
