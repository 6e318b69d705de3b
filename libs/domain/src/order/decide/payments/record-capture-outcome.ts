import { requireOrder } from '../../rules/order-guards.js';
import type { OrderBalanceReduced } from '../../model/order-events.js';
import type { OrderState } from '../../model/order-state.js';
import type { CaptureOutcome, RecordCaptureOutcome } from '../../model/payment-commands.js';
import type { PaymentAuthorizationReleased, PaymentCaptured, PaymentCaptureFailed } from '../../model/payment-events.js';
import { invoiceCredited, orderReduction, requireIntent, requirePendingAttempt, validateOptionalRecord, validateText } from '../../rules/payment-guards.js';
import { failedCall, invalidOutcome } from './record-authorization-outcome.js';

/**
 * Records the answer to a capture, once per attempt key. A final capture that leaves something
 * uncaptured releases it (reason final_capture) and, when the capture asked for it
 * (reduce_order), takes the released rest off what the order is owed (OrderBalanceReduced, at
 * most what is still owed); capturing exactly the rest ends the intent too.
 */
export function decideRecordCaptureOutcome(command: RecordCaptureOutcome, state: OrderState): (PaymentCaptured | PaymentAuthorizationReleased | OrderBalanceReduced | PaymentCaptureFailed)[] {
  const order = requireOrder(state, command.data.order_id);
  const intent = requireIntent(order, command.data.payment_intent_id);
  const pending = requirePendingAttempt(intent, command.data.attempt_key, 'capture');
  const outcome = validateOptionalRecord(command.data.outcome, 'outcome') as CaptureOutcome;
  const base = { order_id: order.id, payment_intent_id: intent.id, occurred_at: command.now };
  const type = outcome.type;
  switch (type) {
    case 'captured': {
      const { capture_id, amount, final } = pending;
      const captured: PaymentCaptured = {
        type: 'PaymentCaptured',
        data: { ...base, attempt_key: pending.attempt_key, capture_id, charge_id: validateText(outcome.charge_id, 'outcome.charge_id'), amount, final, ...invoiceCredited(order) },
      };
      const rest = intent.capturable - amount;
      if (!final || rest <= 0) return [captured];
      const released: PaymentAuthorizationReleased = { type: 'PaymentAuthorizationReleased', data: { ...base, amount: rest, reason: 'final_capture' } };
      return [captured, released, ...(pending.reduce_order ? orderReduction(order, intent.id, rest, amount, command.now) : [])];
    }
    case 'failed':
      return [{ type: 'PaymentCaptureFailed', data: failedCall(base, pending.attempt_key, outcome) }];
    default:
      return invalidOutcome(type);
  }
}
