import { orderBalance } from '../../model/balance.js';
import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { computeOrderTotals } from '../../rules/order-totals.js';
import { hasPaymentInFlight } from '../../rules/payment-guards.js';
import type { IssueInvoice } from '../../model/collection-commands.js';
import type { InvoiceIssued } from '../../model/collection-events.js';
import { dueAt, requireInvoice } from '../../rules/collection-guards.js';
import type { InvoiceSnapshot } from '../../model/invoice-state.js';
import { openSession } from '../../checkout/checkout-guards.js';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const PAY_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Issuing freezes what is billed (the snapshot), fixes the number and due date, and makes the
 * invoice the order's one collector: from now on the order's items are locked and its card
 * payments are captured at once. Refused while another online payment is in flight or holds
 * an authorization (PAYMENT_IN_PROGRESS): its money was fixed from the balance the invoice bills.
 */
export function decideIssueInvoice(command: IssueInvoice, state: OrderState): InvoiceIssued[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (invoice.lifecycle !== 'draft') throw orderError('INVOICE_NOT_DRAFT', `invoice ${invoice.id} is already ${invoice.lifecycle}`);
  const { number, pay_token } = command.data;
  if (typeof number !== 'string' || !NUMBER.test(number)) throw orderError('INVALID_INVOICE_NUMBER', 'number must be 1 to 64 letters, digits or dashes', 'number');
  if (typeof pay_token !== 'string' || !PAY_TOKEN.test(pay_token)) throw orderError('INVALID_REQUEST', 'pay_token must be 16 to 128 URL-safe characters', 'pay_token');
  const totals = computeOrderTotals(order);
  if (totals.total <= 0) throw orderError('EMPTY_INVOICE', `order ${order.id} has nothing to bill (total 0)`);
  const balance = orderBalance(totals.total, order);
  if (balance.outstanding <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} has nothing left to collect`);
  if (hasPaymentInFlight(order)) throw orderError('PAYMENT_IN_PROGRESS', `an online payment of order ${order.id} is in flight or holds an authorization: capture or cancel it first`);
  const checkout = openSession(order);
  if (checkout) throw orderError('ORDER_HELD_BY_CHECKOUT', `checkout session ${checkout.id} is open on order ${order.id}: close it first`);
  const due = dueAt(invoice, command.now);
  if (due < command.now) throw orderError('INVALID_DUE_DATE', `the due date ${invoice.due_date} is already past`, 'due_date');
  const currency = order.currency;
  const snapshot: InvoiceSnapshot = {
    line_items: order.line_items.map((line) => ({
      id: line.id,
      name: line.name,
      quantity: line.quantity,
      unit_price_money: line.unit_price_money,
      total_money: { amount: totals.line_items.find((t) => t.id === line.id)?.total ?? 0, currency },
    })),
    subtotal: totals.subtotal,
    discount: totals.discount,
    tax: totals.tax,
    tip: totals.tip,
    total: totals.total,
    paid_before: balance.paid,
    amount_due: balance.outstanding,
  };
  return [{ type: 'InvoiceIssued', data: { order_id: order.id, invoice_id: invoice.id, number, pay_token, due_at: due, snapshot, occurred_at: command.now } }];
}
