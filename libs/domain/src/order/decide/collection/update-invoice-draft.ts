import { orderError } from '../../model/order-errors.js';
import { requireOpenOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import { isRecord } from '../../rules/validation/fields.js';
import type { UpdateInvoiceDraft } from '../../model/collection-commands.js';
import type { InvoiceDraftChanges, InvoiceDraftUpdated } from '../../model/collection-events.js';
import { MAX_MEMO_LENGTH, optionalText, requireInvoice, validateDaysUntilDue, validateDueDate } from '../../rules/collection-guards.js';

/** Terms change only while the invoice is a draft; what it bills changes through the order. */
export function decideUpdateInvoiceDraft(command: UpdateInvoiceDraft, state: OrderState): InvoiceDraftUpdated[] {
  const order = requireOpenOrder(state, command.data.order_id);
  const invoice = requireInvoice(order, command.data.invoice_id);
  if (invoice.lifecycle !== 'draft') throw orderError('INVOICE_NOT_DRAFT', `invoice ${invoice.id} is ${invoice.lifecycle}: only a draft can be edited`);
  const input = command.data.changes as unknown;
  if (!isRecord(input)) throw orderError('INVALID_REQUEST', 'changes must be an object', 'changes');
  const changes: InvoiceDraftChanges = {};
  if ('days_until_due' in input) changes.days_until_due = validateDaysUntilDue(input['days_until_due']);
  if ('due_date' in input) changes.due_date = validateDueDate(input['due_date']);
  if ('memo' in input) changes.memo = optionalText(input['memo'], 'memo', MAX_MEMO_LENGTH, 'INVALID_MEMO');
  if (Object.keys(changes).length === 0) throw orderError('NO_CHANGES', 'give at least one of days_until_due, due_date, memo');
  return [{ type: 'InvoiceDraftUpdated', data: { order_id: order.id, invoice_id: invoice.id, changes, occurred_at: command.now } }];
}
