import { requireOrder } from '../../rules/order-guards.js';
import type { OrderBalanceReduced } from '../../model/order-events.js';
import type { OrderState } from '../../model/order-state.js';
import type { RecordVoidOutcome, VoidOutcome } from '../../model/payment-commands.js';
import type { PaymentAuthorizationExpired, PaymentAuthorizationReleased, PaymentIntentCanceled, PaymentVoidFailed } from '../../model/payment-events.js';
import { orderReduction, requireIntent, requirePendingAttempt, validateOptionalRecord } from '../../rules/payment-guards.js';
import { failedCall, invalidOutcome } from './record-authorization-outcome.js';

type VoidEvent = PaymentAuthorizationReleased | OrderBalanceReduced | PaymentIntentCanceled | PaymentAuthorizationExpired | PaymentVoidFailed;

/**
 * Records the answer to a void, once per attempt key. Voided: the hold is released and the
 * intent is canceled (cancel) or its authorization expired (expiry: expired, or succeeded when
 * part of it was captured), or — the rest of a partly captured hold — the intent is done
 * (succeeded) and, when asked, the order is reduced by the released rest. Failed: the authorization stays and can be voided again.
 */
export function decideRecordVoidOutcome(command: RecordVoidOutcome, state: OrderState): VoidEvent[] {
  const order = requireOrder(state, command.data.order_id);
  const intent = requireIntent(order, command.data.payment_intent_id);
  const pending = requirePendingAttempt(intent, command.data.attempt_key, 'void');
  const outcome = validateOptionalRecord(command.data.outcome, 'outcome') as VoidOutcome;
  const base = { order_id: order.id, payment_intent_id: intent.id, occurred_at: command.now };
  const type = outcome.type;
  switch (type) {
    case 'voided': {
      const released: PaymentAuthorizationReleased = { type: 'PaymentAuthorizationReleased', data: { ...base, amount: intent.capturable, reason: pending.reason } };
      if (pending.reason === 'rest_released') return [released, ...(pending.reduce_order ? orderReduction(order, intent.id, intent.capturable, 0, command.now) : [])];
      return pending.reason === 'canceled'
        ? [released, { type: 'PaymentIntentCanceled', data: { ...base, cancellation_reason: pending.cancellation_reason } }]
        : [released, { type: 'PaymentAuthorizationExpired', data: base }];
    }
    case 'failed':
      return [{ type: 'PaymentVoidFailed', data: failedCall(base, pending.attempt_key, outcome) }];
    default:
      return invalidOutcome(type);
  }
}
