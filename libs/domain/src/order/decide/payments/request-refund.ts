import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import { isRecord, optionalList, validateId, validateQuantity } from '../../rules/validation/fields.js';
import type { RequestRefund } from '../../model/payment-commands.js';
import type { RefundRequested } from '../../model/payment-events.js';
import { requireIntent, requireNewAttemptKey, validateOrderMoney, validateText } from '../../rules/payment-guards.js';
import { REFUND_REASONS, type PaymentIntent, type RefundedLine, type RefundReason } from '../../model/payment-state.js';
import { priceRefundLines, refundableOf } from '../../rules/refund-lines.js';


/**
 * Asks for a refund of one payment (payment_intent_id) or of the order: of an amount, of line
 * items and quantities, or (neither) of everything refundable. What a payment can refund is
 * captured − refunded − pending refunds; the refund is created pending and reserves its amount
 * at once, so concurrent requests can never over-refund. Against the order, the money comes from
 * the payment with the most left to refund (ties: the earliest), and when that is not enough,
 * from the next ones in the same order: one refund, one part per payment, each part its own
 * processor refund under the attempt key `<attempt_key>` (first part), `<attempt_key>-2`, …
 */
export function decideRequestRefund(command: RequestRefund, state: OrderState): RefundRequested[] {
  const { order_id, refund_id, attempt_key, payment_intent_id, amount_money, line_items, reason } = command.data;
  // A closed (completed) order is exactly what buyers ask refunds for: closing never blocks them.
  const order = requireOrder(state, order_id);
  const id = validateId('ref_', refund_id, 'refund_id');
  if (order.refunds.some((r) => r.id === id)) throw orderError('REFUND_ALREADY_EXISTS', `refund ${id} already exists`, 'refund_id');
  const refundReason = reason ?? null;
  if (refundReason !== null && !REFUND_REASONS.includes(refundReason)) throw orderError('INVALID_REQUEST', `reason must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
  const hasAmount = amount_money !== undefined && amount_money !== null;
  const hasLines = line_items !== undefined && line_items !== null;
  if (hasAmount && hasLines) throw orderError('INVALID_REQUEST', 'give amount_money or line_items, not both', 'amount_money');

  const lines = hasLines ? refundLines(order, line_items) : [];
  const asked = hasAmount ? validateOrderMoney(amount_money, 'amount_money', order.currency) : hasLines ? lines.reduce((sum, l) => sum + l.amount, 0) : null;
  if (asked === 0) throw orderError('INVALID_AMOUNT', 'the line items to refund come to 0', 'line_items');

  const shares = payment_intent_id === undefined || payment_intent_id === null ? spread(order, asked) : [requireRefundable(order, requireIntent(order, payment_intent_id), asked)];
  const key = requireNewAttemptKey(order, attempt_key);
  const parts = shares.map((share, i) => ({
    payment_intent_id: share.intent.id,
    attempt_key: i === 0 ? key : requireNewAttemptKey(order, `${key}-${i + 1}`),
    amount: share.amount,
  }));
  return [
    {
      type: 'RefundRequested',
      data: {
        order_id,
        refund_id: id,
        amount: parts.reduce((sum, p) => sum + p.amount, 0),
        reason: refundReason,
        line_items: lines,
        parts,
        occurred_at: command.now,
      },
    },
  ];
}

function refundLines(order: ExistingOrder, value: unknown): RefundedLine[] {
  const items = optionalList(value, 'line_items');
  if (items.length === 0) throw orderError('INVALID_REQUEST', 'line_items must list at least one line item', 'line_items');
  const asked = items.map((item, i) => {
    const field = `line_items[${i}]`;
    if (!isRecord(item)) throw orderError('INVALID_REQUEST', `${field} must be an object { line_item_id, quantity }`, field);
    return { line_item_id: validateText(item.line_item_id, `${field}.line_item_id`), quantity: validateQuantity(item.quantity, `${field}.quantity`) };
  });
  const duplicate = asked.findIndex((a, i) => asked.findIndex((b) => b.line_item_id === a.line_item_id) !== i);
  if (duplicate >= 0) throw orderError('INVALID_REQUEST', `line item ${asked[duplicate]?.line_item_id} is listed twice`, `line_items[${duplicate}].line_item_id`);
  const priced = priceRefundLines(order, asked);
  if (Array.isArray(priced)) return priced;
  if (priced.type === 'not_found') {
    throw orderError('LINE_ITEM_NOT_FOUND', `line item ${priced.line_item_id} is not on the order`, `line_items[${priced.index}].line_item_id`);
  }
  throw orderError(
    'REFUND_QUANTITY_EXCEEDS_REMAINING',
    `only ${priced.remaining} of line item ${priced.line_item_id} are left to refund`,
    `line_items[${priced.index}].quantity`,
  );
}

interface ChosenPayment {
  intent: PaymentIntent;
  amount: number;
}

function requireRefundable(order: ExistingOrder, intent: PaymentIntent, asked: number | null): ChosenPayment {
  if (intent.captured === 0) throw orderError('PAYMENT_NOT_CAPTURED', `payment intent ${intent.id} has captured nothing (status ${intent.status}): there is nothing to refund`, 'payment_intent_id');
  const refundable = refundableOf(order, intent);
  const amount = asked ?? refundable;
  if (amount === 0 || amount > refundable) {
    throw orderError('REFUND_EXCEEDS_REFUNDABLE', `payment intent ${intent.id} has ${refundable} left to refund`, asked === null ? undefined : 'amount_money');
  }
  return { intent, amount };
}

/** The payments an order refund takes its money from: most left first, as few as it needs. */
function spread(order: ExistingOrder, asked: number | null): ChosenPayment[] {
  const captured = order.payment_intents.filter((pi) => pi.captured > 0);
  if (captured.length === 0) {
    const byHand = order.manual_recorded - order.manual_reversed > 0 ? ': its money came in outside Ordo — record a manual refund (POST /v1/orders/{id}/manual-refunds)' : '';
    throw orderError('PAYMENT_NOT_CAPTURED', `order ${order.id} has no captured card payment to refund${byHand}`);
  }
  // Most left first; the sort is stable, so ties keep creation order (the earliest wins).
  const candidates = captured.map((intent) => ({ intent, refundable: refundableOf(order, intent) })).sort((a, b) => b.refundable - a.refundable);
  const total = candidates.reduce((sum, c) => sum + c.refundable, 0);
  const amount = asked ?? total;
  if (amount === 0) throw orderError('REFUND_EXCEEDS_REFUNDABLE', `order ${order.id} has nothing left to refund`);
  if (amount > total) throw orderError('REFUND_EXCEEDS_REFUNDABLE', `order ${order.id} has ${total} left to refund across its payments`, asked === null ? undefined : 'amount_money');
  const shares: ChosenPayment[] = [];
  let left = amount;
  for (const { intent, refundable } of candidates) {
    if (left === 0) break;
    const take = Math.min(left, refundable);
    if (take > 0) shares.push({ intent, amount: take });
    left -= take;
  }
  return shares;
}
