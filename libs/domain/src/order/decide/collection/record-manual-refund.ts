import { isIsoDateOrInstant, toUtcInstant } from '../../../core/iso-time.js';
import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import { validateOrderMoney } from '../../rules/payment-guards.js';
import { REFUND_REASONS } from '../../model/payment-state.js';
import type { RecordManualRefund } from '../../model/collection-commands.js';
import type { ManualRefundRecorded } from '../../model/collection-events.js';
import { manualRefundable, MAX_REFERENCE_LENGTH, optionalText } from '../../rules/collection-guards.js';
import { MANUAL_PAYMENT_METHODS, type ManualPaymentMethod } from '../../model/invoice-state.js';

/**
 * Money given back to the buyer outside Ordo — the refund of money that came in outside Ordo
 * (card money goes back through the processor: POST /v1/refunds). At most what was received by
 * hand and not reversed or already refunded (REFUND_EXCEEDS_REFUNDABLE). Like card refunds, it
 * is allowed on a closed order, lowers net_paid and never reopens the balance.
 */
export function decideRecordManualRefund(command: RecordManualRefund, state: OrderState): ManualRefundRecorded[] {
  const { data } = command;
  const order = requireOrder(state, data.order_id);
  const id = validateId('ref_', data.manual_refund_id, 'manual_refund_id');
  if (order.manual_refunds.some((r) => r.id === id) || order.refunds.some((r) => r.id === id)) {
    throw orderError('MANUAL_REFUND_ALREADY_EXISTS', `refund ${id} already exists`, 'manual_refund_id');
  }
  const amount = validateOrderMoney(data.amount_money, 'amount_money', order.currency);
  if (!(MANUAL_PAYMENT_METHODS as readonly unknown[]).includes(data.method)) {
    throw orderError('INVALID_MANUAL_PAYMENT_METHOD', `method must be one of ${MANUAL_PAYMENT_METHODS.join(', ')}`, 'method');
  }
  if (!isIsoDateOrInstant(data.refunded_at)) throw orderError('INVALID_REFUNDED_AT', 'refunded_at must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone', 'refunded_at');
  const refundedAt = toUtcInstant(data.refunded_at);
  if (refundedAt > command.now) throw orderError('INVALID_REFUNDED_AT', 'refunded_at cannot be in the future', 'refunded_at');
  const reference = optionalText(data.reference, 'reference', MAX_REFERENCE_LENGTH, 'INVALID_REFERENCE');
  const reason = data.reason === undefined || data.reason === null ? null : data.reason;
  if (reason !== null && !(REFUND_REASONS as readonly string[]).includes(reason)) throw orderError('INVALID_REQUEST', `reason must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
  const refundable = manualRefundable(order);
  if (amount > refundable) {
    throw orderError('REFUND_EXCEEDS_REFUNDABLE', `order ${order.id} has ${Math.max(refundable, 0)} received outside Ordo left to refund by hand`, 'amount_money');
  }
  return [
    {
      type: 'ManualRefundRecorded',
      data: {
        order_id: order.id,
        manual_refund_id: id,
        amount,
        method: data.method as ManualPaymentMethod,
        refunded_at: refundedAt,
        reference,
        reason: reason as ManualRefundRecorded['data']['reason'],
        occurred_at: command.now,
      },
    },
  ];
}
