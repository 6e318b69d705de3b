import { divideRoundHalfUp } from '../../money/rounding.js';
import type { ExistingOrder } from '../model/order-state.js';
import { computeOrderTotals } from './order-totals.js';
import type { PaymentIntent, Refund, RefundedLine } from '../model/payment-state.js';

/*
 * Refund arithmetic. The refunds on the order are the one source of truth: per-line refunded
 * quantity and money, and each payment's reserved amount, are derived from them here.
 */

/**
 * Books its lines unless all of its money failed to go back. A refund that only partly
 * succeeded keeps its lines: the goods were returned, and the money a payment refused to give
 * back is the refund's failed part, released on that payment for an amount refund once the cause
 * is fixed — re-offering the lines would ask every payment again for money one cannot return.
 */
const booksLines = (refund: Refund) => refund.status !== 'failed';
const settled = (refund: Refund) => refund.status === 'succeeded' || refund.status === 'partially_succeeded';

/** captured − refunded (succeeded) − pending refund parts of that payment. Never below 0. */
export function refundableOf(order: ExistingOrder, intent: PaymentIntent): number {
  let pending = 0;
  for (const refund of order.refunds) for (const part of refund.parts) if (part.payment_intent_id === intent.id && part.status === 'pending') pending += part.amount;
  return intent.captured - intent.refunded - pending;
}

export interface LineRefundFigures {
  line_item_id: string;
  /** Succeeded refunds only: what the order reports as refunded on the line. */
  refunded_quantity: number;
  refunded_amount: number;
  /** Succeeded and pending refunds: what can no longer be asked for. */
  reserved_quantity: number;
  reserved_amount: number;
}

/** Per-line refunded (succeeded) and reserved (succeeded + pending) quantity and money. */
export function lineRefunds(order: ExistingOrder): Map<string, LineRefundFigures> {
  const figures = new Map<string, LineRefundFigures>();
  for (const refund of order.refunds.filter(booksLines)) {
    for (const line of refund.line_items) {
      const f = figures.get(line.line_item_id) ?? { line_item_id: line.line_item_id, refunded_quantity: 0, refunded_amount: 0, reserved_quantity: 0, reserved_amount: 0 };
      f.reserved_quantity += line.quantity;
      f.reserved_amount += line.amount;
      if (settled(refund)) {
        f.refunded_quantity += line.quantity;
        f.refunded_amount += line.amount;
      }
      figures.set(line.line_item_id, f);
    }
  }
  return figures;
}

export type LineRefundProblem = { type: 'not_found'; index: number; line_item_id: string } | { type: 'quantity'; index: number; line_item_id: string; remaining: number };

/**
 * The money for refunding `quantity` units of each line: the line's total (after its discount,
 * with its additive tax) × quantity / line quantity, rounded half up — except that the last
 * units of a line take exactly what is left of its total, so a line refunded in parts sums to
 * its total. Never more than what is left of the line.
 */
export function priceRefundLines(order: ExistingOrder, lines: readonly { line_item_id: string; quantity: number }[]): RefundedLine[] | LineRefundProblem {
  const totals = new Map(computeOrderTotals(order).line_items.map((l) => [l.id, l.total]));
  const reserved = lineRefunds(order);
  const priced: RefundedLine[] = [];
  for (const [index, { line_item_id, quantity }] of lines.entries()) {
    const line = order.line_items.find((l) => l.id === line_item_id);
    const total = totals.get(line_item_id);
    if (!line || total === undefined) return { type: 'not_found', index, line_item_id };
    const done = reserved.get(line_item_id);
    const remaining = line.quantity - (done?.reserved_quantity ?? 0);
    if (quantity > remaining) return { type: 'quantity', index, line_item_id, remaining };
    const left = total - (done?.reserved_amount ?? 0);
    const share = Number(divideRoundHalfUp(BigInt(total) * BigInt(quantity), BigInt(line.quantity)));
    priced.push({ line_item_id, quantity, amount: quantity === remaining ? left : Math.min(share, left) });
  }
  return priced;
}
