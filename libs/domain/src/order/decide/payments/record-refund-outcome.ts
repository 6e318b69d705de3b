import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import type { RecordRefundOutcome, RefundOutcome } from '../../model/payment-commands.js';
import type { RefundFailed, RefundSucceeded } from '../../model/payment-events.js';
import { validateOptionalRecord, validateText } from '../../rules/payment-guards.js';
import { invalidOutcome } from './record-authorization-outcome.js';

/**
 * Records the processor's answer to one part of a refund (named by its attempt key), once — also
 * on a closed order. Succeeded: the order's and the payment's refunded amounts follow (and the
 * lines, once every part succeeded). Failed: the part's reservation is released.
 */
export function decideRecordRefundOutcome(command: RecordRefundOutcome, state: OrderState): (RefundSucceeded | RefundFailed)[] {
  const { order_id, refund_id, attempt_key } = command.data;
  const order = requireOrder(state, order_id);
  const id = validateId('ref_', refund_id, 'refund_id');
  const refund = order.refunds.find((r) => r.id === id);
  if (!refund) throw orderError('REFUND_NOT_FOUND', `refund ${id} is not on order ${order.id}`, 'refund_id');
  const key = validateText(attempt_key, 'attempt_key');
  const part = refund.parts.find((p) => p.attempt_key === key);
  if (!part) throw orderError('PAYMENT_ATTEMPT_NOT_FOUND', `refund ${id} has no attempt ${key}`, 'attempt_key');
  if (part.status !== 'pending') throw orderError('PAYMENT_ATTEMPT_ALREADY_SETTLED', `refund ${id}'s part from payment ${part.payment_intent_id} already ${part.status}`, 'attempt_key');
  const outcome = validateOptionalRecord(command.data.outcome, 'outcome') as RefundOutcome;
  const base = { order_id: order.id, refund_id: id, payment_intent_id: part.payment_intent_id, attempt_key: key, amount: part.amount, occurred_at: command.now };
  const type = outcome.type;
  switch (type) {
    case 'succeeded':
      return [{ type: 'RefundSucceeded', data: { ...base, processor_refund_id: validateText(outcome.processor_refund_id, 'outcome.processor_refund_id') } }];
    case 'failed':
      return [{ type: 'RefundFailed', data: { ...base, failure_code: validateText(outcome.code, 'outcome.code') } }];
    default:
      return invalidOutcome(type);
  }
}
