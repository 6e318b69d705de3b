import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { ExpireAuthorization } from '../../model/payment-commands.js';
import type { PaymentVoidStarted } from '../../model/payment-events.js';
import { isExpired, requireIntent, requireNewAttemptKey, unexpectedState } from '../../rules/payment-guards.js';

/**
 * Issued by the scheduler: an uncaptured authorization older than 7 days is voided at the
 * processor (reason expired); RecordVoidOutcome then records the release and the expiry.
 * (An order holding an authorization cannot be closed, so ORDER_CLOSED cannot hide a hold.)
 */
export function decideExpireAuthorization(command: ExpireAuthorization, state: OrderState): PaymentVoidStarted[] {
  const { order_id, payment_intent_id, attempt_key } = command.data;
  const order = requireOpenOrder(state, order_id);
  const intent = requireIntent(order, payment_intent_id);
  if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'expire the authorization of');
  if (!isExpired(intent, command.now)) throw orderError('AUTHORIZATION_NOT_EXPIRED', `the authorization of payment intent ${intent.id} expires at ${intent.expires_at}`);
  const key = requireNewAttemptKey(order, attempt_key);
  return [
    { type: 'PaymentVoidStarted', data: { order_id, payment_intent_id: intent.id, attempt_key: key, amount: intent.capturable, reason: 'expired', cancellation_reason: null, occurred_at: command.now } },
  ];
}
