/**
 * What money has done on an order, as running counters in minor units, moved by evolve:
 * PaymentCaptured → captured, RefundSucceeded → refunded, OrderBalanceWrittenOff → written_off,
 * OrderBalanceReduced → reduced
 * (manual settlements will move manual_recorded / manual_reversed). A pending refund is only
 * reserved against what its payment can still refund: it counts in `refunded` once it succeeds.
 */
export interface MoneyFacts {
  /** Captured online (card) payments. */
  captured: number;
  /** Money recorded as received outside Ordo (wire, check, cash…). */
  manual_recorded: number;
  /** Recorded manual payments later reversed (a bounced check). */
  manual_reversed: number;
  /** Money returned to the buyer, online or manually (succeeded refunds only). */
  refunded: number;
  /** What was left outstanding when the order was closed after a partial payment. */
  written_off: number;
  /** Taken off what is owed when the rest of an authorization was released on purpose (not bad debt). */
  reduced: number;
}

export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid';
export type RefundStatus = 'none' | 'partially_refunded' | 'refunded';

export interface OrderBalance {
  paid: number;
  refunded: number;
  net_paid: number;
  written_off: number;
  reduced: number;
  outstanding: number;
  payment_status: PaymentStatus;
  refund_status: RefundStatus;
}

/**
 * The one place where an order's balance is derived:
 * - paid        = captured online + manual recorded − manual reversed
 * - refunded    = money returned
 * - net_paid    = paid − refunded
 * - written_off = what was left outstanding when the order was closed after a partial payment
 * - reduced     = what the merchant took off what is owed when releasing the rest of an
 *                 authorization ("shipped less, captured less")
 * - outstanding = total − paid − written_off − reduced
 * - payment_status and refund_status as derived below from those figures
 * A refund gives back money for what was sold, so it lowers net_paid but does not reopen the
 * balance (outstanding ignores it); a reversed manual payment never counted as paid, so it does.
 * A write-off is not money in: it leaves paid (and payment_status) alone and only brings what
 * is still to collect to 0, so the remainder stays visible instead of silently dropped. A
 * reduction is not money in either, but it lowers what the order is worth: payment_status
 * compares paid with total − reduced, so an order captured in part and reduced by the rest is
 * paid, while one written off stays partially_paid (bad debt).
 * Money in beyond the outstanding balance is refused upstream, so outstanding is not negative
 * in practice; it is not clamped here so that a broken invariant stays visible.
 */
export function orderBalance(total: number, facts: MoneyFacts): OrderBalance {
  const paid = facts.captured + facts.manual_recorded - facts.manual_reversed;
  const refunded = facts.refunded;
  const written_off = facts.written_off;
  const reduced = facts.reduced;
  return {
    paid,
    refunded,
    net_paid: paid - refunded,
    written_off,
    reduced,
    outstanding: total - paid - written_off - reduced,
    payment_status: paymentStatus(total - reduced, { paid }),
    refund_status: refundStatus({ paid, refunded }),
  };
}

/**
 * unpaid until money is in; paid once it covers a positive total; partially_paid in between.
 * An order with a zero total (empty, or fully discounted) with nothing in stays unpaid.
 */
export function paymentStatus(total: number, balance: Pick<OrderBalance, 'paid'>): PaymentStatus {
  if (balance.paid <= 0) return 'unpaid';
  return balance.paid >= total ? 'paid' : 'partially_paid';
}

/** none until something is refunded; refunded once everything paid has gone back. */
export function refundStatus(balance: Pick<OrderBalance, 'paid' | 'refunded'>): RefundStatus {
  if (balance.refunded <= 0) return 'none';
  return balance.refunded >= balance.paid ? 'refunded' : 'partially_refunded';
}
