import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { StartPaymentAction } from '../../model/payment-commands.js';
import type { PaymentProcessingStarted } from '../../model/payment-events.js';
import { requireIntent, requireNewAttemptKey, unexpectedState } from '../../rules/payment-guards.js';

/**
 * The buyer completed (approve) or failed the challenge: the authorization is asked for again,
 * for the same amount, and its answer is recorded with RecordAuthorizationOutcome.
 */
export function decideStartPaymentAction(command: StartPaymentAction, state: OrderState): PaymentProcessingStarted[] {
  const { order_id, payment_intent_id, attempt_key, result } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  if (intent.status !== 'requires_action' || intent.confirming_amount === null) throw unexpectedState(intent, 'complete the action of');
  if (result !== 'approve' && result !== 'fail') throw orderError('INVALID_REQUEST', 'result must be "approve" or "fail"', 'result');
  const key = requireNewAttemptKey(order, attempt_key);
  return [
    {
      type: 'PaymentProcessingStarted',
      data: { order_id, payment_intent_id: intent.id, attempt_key: key, amount: intent.confirming_amount, capture: intent.capture_method === 'automatic', action_result: result, occurred_at: command.now },
    },
  ];
}
