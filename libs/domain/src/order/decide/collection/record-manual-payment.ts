import { isIsoDateOrInstant, toUtcInstant } from '../../../core/iso-time.js';
import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import { validateOrderMoney } from '../../rules/payment-guards.js';
import type { RecordManualPayment } from '../../model/collection-commands.js';
import type { ManualPaymentRecorded } from '../../model/collection-events.js';
import {
  collectibleNow,
  issuedInvoice,
  MAX_NOTE_LENGTH,
  MAX_REFERENCE_LENGTH,
  onlinePaymentResolving,
  optionalText,
  outstandingBalance,
  requireInvoice,
} from '../../rules/collection-guards.js';
import { MANUAL_PAYMENT_METHODS, type ManualPaymentMethod } from '../../model/invoice-state.js';

/**
 * Money received outside Ordo (wire, bank transfer, check, cash, other) paid part or all of the
 * balance — also on a closed order whose balance reopened (a check that bounced after closing). It joins the invoice that holds the order, if any. Refused while an online payment
 * is being decided (INVOICE_PAYMENT_RESOLVING, or PAYMENT_IN_PROGRESS without an invoice), and
 * beyond what the order can still take in — its outstanding balance less what card
 * authorizations already hold (AMOUNT_EXCEEDS_OUTSTANDING): money in beyond the balance is
 * refused, never kept.
 */
export function decideRecordManualPayment(command: RecordManualPayment, state: OrderState): ManualPaymentRecorded[] {
  const { data } = command;
  // A closed order takes money only for a balance that reopened after closing (a bounced check).
  const order = requireOrder(state, data.order_id);
  if (order.status === 'closed' && order.reopened <= 0) throw orderError('ORDER_CLOSED', `order ${order.id} is closed`);
  const id = validateId('mp_', data.manual_payment_id, 'manual_payment_id');
  if (order.manual_payments.some((mp) => mp.id === id)) throw orderError('MANUAL_PAYMENT_ALREADY_EXISTS', `manual payment ${id} already exists`, 'manual_payment_id');
  const holder = issuedInvoice(order);
  if (data.invoice_id !== undefined && data.invoice_id !== null) {
    const invoice = requireInvoice(order, data.invoice_id);
    if (invoice.lifecycle !== 'issued') throw orderError('INVOICE_NOT_OPEN', `invoice ${invoice.id} is ${invoice.lifecycle}: it collects nothing`, 'invoice_id');
  }
  const amount = validateOrderMoney(data.amount_money, 'amount_money', order.currency);
  if (!(MANUAL_PAYMENT_METHODS as readonly unknown[]).includes(data.method)) {
    throw orderError('INVALID_MANUAL_PAYMENT_METHOD', `method must be one of ${MANUAL_PAYMENT_METHODS.join(', ')}`, 'method');
  }
  const receivedAt = validateReceivedAt(data.received_at, command.now);
  const reference = optionalText(data.reference, 'reference', MAX_REFERENCE_LENGTH, 'INVALID_REFERENCE');
  const note = optionalText(data.note, 'note', MAX_NOTE_LENGTH, 'INVALID_NOTE');
  if (onlinePaymentResolving(order)) {
    if (holder) throw orderError('INVOICE_PAYMENT_RESOLVING', `an online payment of invoice ${holder.id} is being decided; record this when it has settled`);
    throw orderError('PAYMENT_IN_PROGRESS', `an online payment of order ${order.id} is being decided; record this when it has settled`);
  }
  if (outstandingBalance(order) <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} has nothing left to collect`);
  const available = order.status === 'closed' ? Math.min(order.reopened, outstandingBalance(order)) : collectibleNow(order);
  if (amount > available) {
    throw orderError('AMOUNT_EXCEEDS_OUTSTANDING', `order ${order.id} can take at most ${Math.max(available, 0)} more (card authorizations hold the rest, if any)`, 'amount_money');
  }
  return [
    {
      type: 'ManualPaymentRecorded',
      data: {
        order_id: order.id,
        manual_payment_id: id,
        invoice_id: holder?.id ?? null,
        amount,
        method: data.method as ManualPaymentMethod,
        received_at: receivedAt,
        reference,
        note,
        occurred_at: command.now,
      },
    },
  ];
}

/** A date or instant, not in the future; stored as an ISO instant (a date means its start, UTC). */
function validateReceivedAt(value: unknown, now: string): string {
  if (!isIsoDateOrInstant(value)) {
    throw orderError('INVALID_RECEIVED_AT', 'received_at must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone, on a day that exists', 'received_at');
  }
  const instant = toUtcInstant(value);
  if (instant > now) throw orderError('INVALID_RECEIVED_AT', 'received_at cannot be in the future', 'received_at');
  return instant;
}
