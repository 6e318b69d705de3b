import { computeOrderTotals, invoiceStatus, lineRefunds, orderBalance, type Money, type OrderState } from '#ordo/domain';

type ExistingOrder = Exclude<OrderState, { status: 'none' }>;
type Totals = ReturnType<typeof computeOrderTotals>;
type Balance = ReturnType<typeof orderBalance>;

/** The money figures of an order (also shown after each timeline entry). */
export function orderAmounts(order: ExistingOrder): Record<string, Money> {
  const totals = computeOrderTotals(order);
  return amountsOf(order.currency, totals, orderBalance(totals.total, order));
}

function amountsOf(currency: string, totals: Totals, balance: Balance): Record<string, Money> {
  const m = (amount: number): Money => ({ amount, currency });
  return {
    subtotal_money: m(totals.subtotal),
    discount_money: m(totals.discount),
    tax_money: m(totals.tax),
    tip_money: m(totals.tip),
    total_money: m(totals.total),
    paid_money: m(balance.paid),
    refunded_money: m(balance.refunded),
    net_paid_money: m(balance.net_paid),
    written_off_money: m(balance.written_off),
    reduced_money: m(balance.reduced),
    outstanding_money: m(balance.outstanding),
  };
}

/** The API representation of an order (snake_case, money as `{ amount, currency }`). */
export interface OrderResource {
  id: string;
  object: 'order';
  status: 'open' | 'closed';
  payment_status: string;
  refund_status: string;
  currency: string;
  customer_id: string | null;
  /** `subscription` for a subscription's cycle order, `api` otherwise. */
  origin: 'api' | 'subscription';
  subscription_id: string | null;
  billing_cycle: number | null;
  notes: string | null;
  metadata: Record<string, string>;
  line_items: unknown[];
  discounts: unknown[];
  taxes: unknown[];
  tip: unknown;
  amounts: Record<string, Money>;
  /** A summary of each payment intent and refund; the full resources are under their own routes. */
  payments: unknown[];
  refunds: unknown[];
  manual_payments: unknown[];
  manual_refunds: unknown[];
  invoices: unknown[];
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
}

export function toOrderResource(order: ExistingOrder, revision: bigint): OrderResource {
  const currency = order.currency;
  const m = (amount: number): Money => ({ amount, currency });
  const totals = computeOrderTotals(order);
  const balance = orderBalance(totals.total, order);
  const lineTotals = new Map(totals.line_items.map((l) => [l.id, l]));
  const discountTotals = new Map(totals.discounts.map((d) => [d.id, d.applied]));
  const taxTotals = new Map(totals.taxes.map((t) => [t.id, t.applied]));
  const refundedLines = lineRefunds(order);
  return {
    id: order.id,
    object: 'order',
    status: order.status,
    payment_status: balance.payment_status,
    refund_status: balance.refund_status,
    currency,
    customer_id: order.customer_id,
    // Rows folded before subscriptions existed have no link: they were made through the API.
    origin: order.subscription ? 'subscription' : 'api',
    subscription_id: order.subscription?.subscription_id ?? null,
    billing_cycle: order.subscription?.cycle ?? null,
    notes: order.notes,
    metadata: order.metadata,
    line_items: order.line_items.map((li) => {
      const t = lineTotals.get(li.id)!;
      return {
        id: li.id,
        name: li.name,
        quantity: li.quantity,
        unit_price_money: li.unit_price_money,
        sku: li.sku,
        metadata: li.metadata,
        gross_money: m(t.gross),
        discount_money: m(t.discount),
        tax_money: m(t.tax),
        total_money: m(t.total),
        refunded_quantity: refundedLines.get(li.id)?.refunded_quantity ?? 0,
        refunded_money: m(refundedLines.get(li.id)?.refunded_amount ?? 0),
      };
    }),
    discounts: order.discounts.map((d) => ({ ...d, applied_money: m(discountTotals.get(d.id) ?? 0) })),
    taxes: order.taxes.map((t) => ({ ...t, applied_money: m(taxTotals.get(t.id) ?? 0) })),
    tip: order.tip ? { ...order.tip, applied_money: m(totals.tip) } : null,
    amounts: amountsOf(currency, totals, balance),
    payments: order.payment_intents.map((pi) => ({
      payment_intent_id: pi.id,
      status: pi.status,
      capture_method: pi.capture_method,
      authorized_money: m(pi.authorized),
      captured_money: m(pi.captured),
      refunded_money: m(pi.refunded),
    })),
    refunds: order.refunds.map((r) => ({ refund_id: r.id, payment_intent_ids: r.parts.map((p) => p.payment_intent_id), status: r.status, amount_money: m(r.amount) })),
    manual_payments: order.manual_payments.map((mp) => ({
      manual_payment_id: mp.id,
      invoice_id: mp.invoice_id,
      status: mp.reversed_at ? 'reversed' : 'recorded',
      method: mp.method,
      amount_money: m(mp.amount),
      received_at: mp.received_at,
    })),
    manual_refunds: order.manual_refunds.map((r) => ({
      manual_refund_id: r.id,
      method: r.method,
      amount_money: m(r.amount),
      refunded_at: r.refunded_at,
      reference: r.reference,
      reason: r.reason,
    })),
    invoices: order.invoices.map((inv) => ({ invoice_id: inv.id, number: inv.number, status: invoiceStatus(inv, order) })),
    version: Number(revision),
    created_at: order.created_at,
    updated_at: order.updated_at,
    closed_at: order.closed_at,
    close_reason: order.close_reason,
  };
}
