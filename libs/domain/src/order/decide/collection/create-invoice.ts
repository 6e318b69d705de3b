import { orderError } from '../../model/order-errors.js';
import type { OrderDetailsUpdated } from '../../model/order-events.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { validateId } from '../../rules/validation/fields.js';
import type { CreateInvoice } from '../../model/collection-commands.js';
import type { InvoiceCreated } from '../../model/collection-events.js';
import { openSession } from '../../checkout/checkout-guards.js';
import { activeInvoice, MAX_MEMO_LENGTH, optionalText, outstandingBalance, validateDaysUntilDue, validateDueDate } from '../../rules/collection-guards.js';

export const DEFAULT_DAYS_UNTIL_DUE = 30;

/**
 * A draft invoice billing the order to a customer. One collector at a time: an order with a
 * draft or issued invoice gets no second one. The customer is the command's or the order's;
 * an order without one takes the invoice's (OrderDetailsUpdated), so receivables and timelines
 * find it under that customer.
 */
export function decideCreateInvoice(command: CreateInvoice, state: OrderState): (OrderDetailsUpdated | InvoiceCreated)[] {
  const { order_id } = command.data;
  const order = requireOpenOrder(state, order_id);
  const invoiceId = validateId('inv_', command.data.invoice_id, 'invoice_id');
  if (order.invoices.some((inv) => inv.id === invoiceId)) throw orderError('INVOICE_ALREADY_EXISTS', `invoice ${invoiceId} already exists`, 'invoice_id');
  const checkout = openSession(order);
  if (checkout) throw orderError('ORDER_HELD_BY_CHECKOUT', `checkout session ${checkout.id} is open on order ${order.id}: close it first`);
  const active = activeInvoice(order);
  if (active) throw orderError('ORDER_ALREADY_INVOICED', `order ${order.id} already has invoice ${active.id} (${active.lifecycle}); void it first`);
  const given = command.data.customer_id === undefined || command.data.customer_id === null ? null : validateId('cus_', command.data.customer_id, 'customer_id');
  if (given && order.customer_id && given !== order.customer_id) {
    throw orderError('CUSTOMER_MISMATCH', `order ${order.id} belongs to customer ${order.customer_id}`, 'customer_id');
  }
  const customer = given ?? order.customer_id;
  if (!customer) throw orderError('CUSTOMER_REQUIRED', 'an invoice is billed to a customer: give customer_id (or set it on the order)', 'customer_id');
  const days = command.data.days_until_due === undefined || command.data.days_until_due === null ? DEFAULT_DAYS_UNTIL_DUE : validateDaysUntilDue(command.data.days_until_due);
  const dueDate = validateDueDate(command.data.due_date);
  const memo = optionalText(command.data.memo, 'memo', MAX_MEMO_LENGTH, 'INVALID_MEMO');
  if (order.line_items.length > 0 && outstandingBalance(order) <= 0) throw orderError('NOTHING_OUTSTANDING', `order ${order.id} has nothing left to collect`);
  const adopt: OrderDetailsUpdated[] = order.customer_id ? [] : [{ type: 'OrderDetailsUpdated', data: { order_id, changes: { customer_id: customer }, occurred_at: command.now } }];
  return [
    ...adopt,
    { type: 'InvoiceCreated', data: { order_id, invoice_id: invoiceId, customer_id: customer, days_until_due: days, due_date: dueDate, memo, occurred_at: command.now } },
  ];
}
