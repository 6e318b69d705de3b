import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import type { ReverseManualPayment } from '../../model/collection-commands.js';
import type { ManualPaymentReversed } from '../../model/collection-events.js';
import { manualRefundable, MAX_REASON_LENGTH, requiredText } from '../../rules/collection-guards.js';

/**
 * The recorded money did not arrive after all (a check bounced): it stops counting as paid and
 * the balance reopens. Allowed on a closed order too — the bounce is a fact whenever it happens.
 * Addressed through an invoice, the payment must belong to it.
 */
export function decideReverseManualPayment(command: ReverseManualPayment, state: OrderState): ManualPaymentReversed[] {
  const order = requireOrder(state, command.data.order_id);
  const id = validateId('mp_', command.data.manual_payment_id, 'manual_payment_id');
  const payment = order.manual_payments.find((mp) => mp.id === id);
  const viaInvoice = command.data.invoice_id;
  if (!payment || (viaInvoice !== undefined && viaInvoice !== null && payment.invoice_id !== viaInvoice)) {
    throw orderError('MANUAL_PAYMENT_NOT_FOUND', `manual payment ${id} is not on this ${viaInvoice ? 'invoice' : 'order'}`, 'manual_payment_id');
  }
  if (payment.reversed_at !== null) throw orderError('MANUAL_PAYMENT_ALREADY_REVERSED', `manual payment ${id} was reversed at ${payment.reversed_at}`);
  const reason = requiredText(command.data.reason, 'reason', MAX_REASON_LENGTH, 'INVALID_REASON');
  if (payment.amount > manualRefundable(order)) {
    throw orderError('MANUAL_PAYMENT_REFUNDED', `part of the money received outside Ordo was already refunded by hand: reversing ${payment.amount} would leave more refunded than received`);
  }
  return [
    {
      type: 'ManualPaymentReversed',
      data: { order_id: order.id, manual_payment_id: id, invoice_id: payment.invoice_id, amount: payment.amount, reason, occurred_at: command.now },
    },
  ];
}
