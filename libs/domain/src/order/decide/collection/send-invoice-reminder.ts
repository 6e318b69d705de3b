import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { SendInvoiceReminder } from '../../model/collection-commands.js';
import type { InvoiceReminderSent } from '../../model/collection-events.js';
import { outstandingBalance, requireInvoice } from '../../rules/collection-guards.js';
import type { ReminderKind } from '../../model/invoice-state.js';

const KINDS: readonly ReminderKind[] = ['manual', 'before_due', 'due', 'overdue'];

/** A reminder is a fact of the invoice's history (the app's notifier delivers it). */
export function decideSendInvoiceReminder(command: SendInvoiceReminder, state: OrderState): InvoiceReminderSent[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (!KINDS.includes(command.data.kind)) throw orderError('INVALID_REMINDER_KIND', `kind must be one of ${KINDS.join(', ')}`, 'kind');
  if (invoice.lifecycle !== 'issued') throw orderError('INVOICE_NOT_OPEN', `invoice ${invoice.id} is ${invoice.lifecycle}: only an issued invoice gets reminders`);
  const outstanding = outstandingBalance(order);
  if (outstanding <= 0) throw orderError('INVOICE_PAID', `invoice ${invoice.id} is paid`);
  const step = command.data.step ?? null;
  if (step !== null && (!Number.isInteger(step) || step < 0)) throw orderError('INVALID_REQUEST', 'step must be a whole number from 0', 'step');
  if (step !== null && invoice.reminders.some((r) => r.step === step)) return [];
  return [
    {
      type: 'InvoiceReminderSent',
      data: { order_id: order.id, invoice_id: invoice.id, sequence: invoice.reminders.length + 1, kind: command.data.kind, step, amount_due: outstanding, occurred_at: command.now },
    },
  ];
}
