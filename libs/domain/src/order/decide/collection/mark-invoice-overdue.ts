import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { MarkInvoiceOverdue } from '../../model/collection-commands.js';
import type { InvoiceMarkedOverdue } from '../../model/collection-events.js';
import { outstandingBalance, requireInvoice } from '../../rules/collection-guards.js';

/** Issued by the scheduler once the due date has passed with money still owed; once only. */
export function decideMarkInvoiceOverdue(command: MarkInvoiceOverdue, state: OrderState): InvoiceMarkedOverdue[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (invoice.lifecycle !== 'issued' || invoice.due_at === null) throw orderError('INVOICE_NOT_OPEN', `invoice ${invoice.id} is ${invoice.lifecycle}`);
  if (invoice.overdue_at !== null) throw orderError('INVOICE_ALREADY_OVERDUE', `invoice ${invoice.id} has been overdue since ${invoice.overdue_at}`);
  const outstanding = outstandingBalance(order);
  if (outstanding <= 0) throw orderError('INVOICE_PAID', `invoice ${invoice.id} is paid`);
  if (command.now <= invoice.due_at) throw orderError('INVOICE_NOT_DUE', `invoice ${invoice.id} is due at ${invoice.due_at}`);
  return [{ type: 'InvoiceMarkedOverdue', data: { order_id: order.id, invoice_id: invoice.id, due_at: invoice.due_at, amount_due: outstanding, occurred_at: command.now } }];
}
