import { computeOrderTotals, invoiceStatus, orderBalance, type ExistingOrder, type Invoice, type ManualPayment, type ManualRefund, type Money } from '#ordo/domain';

/** The API representation of a manual payment (money recorded as received outside Ordo). */
export function toManualPaymentResource(order: ExistingOrder, mp: ManualPayment) {
  return {
    id: mp.id,
    object: 'manual_payment' as const,
    order_id: order.id,
    invoice_id: mp.invoice_id,
    status: mp.reversed_at ? ('reversed' as const) : ('recorded' as const),
    amount_money: { amount: mp.amount, currency: order.currency },
    method: mp.method,
    received_at: mp.received_at,
    reference: mp.reference,
    note: mp.note,
    recorded_at: mp.recorded_at,
    reversed_at: mp.reversed_at,
    reversal_reason: mp.reversal_reason,
  };
}

/** The API representation of a manual refund (money given back outside Ordo). */
export function toManualRefundResource(order: ExistingOrder, refund: ManualRefund) {
  return {
    id: refund.id,
    object: 'manual_refund' as const,
    order_id: order.id,
    amount_money: { amount: refund.amount, currency: order.currency },
    method: refund.method,
    refunded_at: refund.refunded_at,
    reference: refund.reference,
    reason: refund.reason,
    recorded_at: refund.recorded_at,
  };
}

/**
 * The API representation of an invoice. Money figures: amount_due (what it billed when issued;
 * while a draft, what the order still owes), amount_paid (collected since it was issued),
 * amount_remaining (what the order still owes, for a draft and an issued invoice alike; 0 once
 * void or uncollectible), amount_written_off (when uncollectible). The queries add
 * hosted_invoice_url (from the configured public address) once the invoice is issued.
 */
export function toInvoiceResource(order: ExistingOrder, invoice: Invoice) {
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  const totals = computeOrderTotals(order);
  const balance = orderBalance(totals.total, order);
  const status = invoiceStatus(invoice, order);
  const open = status === 'open' || status === 'partially_paid';
  const snapshot = invoice.snapshot;
  return {
    id: invoice.id,
    object: 'invoice' as const,
    order_id: order.id,
    customer_id: invoice.customer_id,
    number: invoice.number,
    status,
    currency: order.currency,
    amount_due_money: m(snapshot ? snapshot.amount_due : Math.max(balance.outstanding, 0)),
    amount_paid_money: m(invoice.collected),
    amount_remaining_money: m(invoice.lifecycle === 'issued' || invoice.lifecycle === 'draft' ? Math.max(balance.outstanding, 0) : 0),
    amount_written_off_money: m(invoice.written_off),
    line_items: snapshot
      ? snapshot.line_items
      : order.line_items.map((li) => ({
          id: li.id,
          name: li.name,
          quantity: li.quantity,
          unit_price_money: li.unit_price_money,
          total_money: m(totals.line_items.find((t) => t.id === li.id)?.total ?? 0),
        })),
    totals: snapshot
      ? { subtotal_money: m(snapshot.subtotal), discount_money: m(snapshot.discount), tax_money: m(snapshot.tax), tip_money: m(snapshot.tip), total_money: m(snapshot.total), paid_before_money: m(snapshot.paid_before) }
      : { subtotal_money: m(totals.subtotal), discount_money: m(totals.discount), tax_money: m(totals.tax), tip_money: m(totals.tip), total_money: m(totals.total), paid_before_money: m(balance.paid) },
    days_until_due: invoice.days_until_due,
    due_date: invoice.due_date,
    due_at: invoice.due_at,
    overdue: open && invoice.overdue_at !== null,
    overdue_at: invoice.overdue_at,
    memo: invoice.memo,
    manual_payments: order.manual_payments.filter((mp) => mp.invoice_id === invoice.id).map((mp) => toManualPaymentResource(order, mp)),
    reminders: invoice.reminders,
    issued_at: invoice.issued_at,
    voided_at: invoice.voided_at,
    void_reason: invoice.void_reason,
    marked_uncollectible_at: invoice.uncollectible_at,
    created_at: invoice.created_at,
    updated_at: invoice.updated_at,
  };
}

export type InvoiceResource = ReturnType<typeof toInvoiceResource> & { hosted_invoice_url?: string | null };
