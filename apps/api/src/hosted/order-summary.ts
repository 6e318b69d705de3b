import { collectibleNow, computeOrderTotals, orderBalance, type ExistingOrder } from '#ordo/domain';
import { buyerMoney as formatMoney } from './buyer-money.js';

/** What a hosted page shows of an order: lines, discounts, tax, tip, total, paid, due now — from the same state the API reads. */
export function orderSummary(order: ExistingOrder) {
  const totals = computeOrderTotals(order);
  const balance = orderBalance(totals.total, order);
  const f = (amount: number) => formatMoney(amount, order.currency);
  const lineTotals = new Map(totals.line_items.map((l) => [l.id, l.total]));
  const due = Math.max(collectibleNow(order), 0);
  return {
    lines: order.line_items.map((line) => ({ name: line.name, quantity: line.quantity, total: f(lineTotals.get(line.id) ?? 0) })),
    subtotal: f(totals.subtotal),
    discount: totals.discount > 0 ? f(totals.discount) : null,
    tax: totals.tax > 0 ? f(totals.tax) : null,
    tip: totals.tip > 0 ? f(totals.tip) : null,
    total: f(totals.total),
    paid: balance.paid > 0 ? f(balance.paid) : null,
    due: f(due),
    dueAmount: due,
  };
}
