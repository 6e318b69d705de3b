import { isCalendarDate } from '../../core/iso-time.js';
import { orderBalance } from '../model/balance.js';
import { orderError, type OrderErrorCode } from '../model/order-errors.js';
import type { ExistingOrder } from '../model/order-state.js';
import { computeOrderTotals } from './order-totals.js';
import { validateId } from './validation/fields.js';
import { heldAmount } from './payment-guards.js';
import type { Invoice } from '../model/invoice-state.js';

/** Shared checks of the invoice and manual-payment commands. */

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_DAYS_UNTIL_DUE = 365;
export const MAX_MEMO_LENGTH = 1000;
export const MAX_REFERENCE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_REASON_LENGTH = 500;

export function requireInvoice(order: ExistingOrder, id: unknown, field = 'invoice_id'): Invoice {
  const invoiceId = validateId('inv_', id, field);
  const invoice = order.invoices.find((inv) => inv.id === invoiceId);
  if (!invoice) throw orderError('INVOICE_NOT_FOUND', `invoice ${invoiceId} is not on order ${order.id}`, field);
  return invoice;
}

/** The draft or issued invoice of the order: there is at most one. */
export function activeInvoice(order: ExistingOrder): Invoice | undefined {
  return order.invoices.find((inv) => inv.lifecycle === 'draft' || inv.lifecycle === 'issued');
}

/** The issued invoice holding the order's right to collect, if any. */
export function issuedInvoice(order: ExistingOrder): Invoice | undefined {
  return order.invoices.find((inv) => inv.lifecycle === 'issued');
}

export function outstandingBalance(order: ExistingOrder): number {
  return orderBalance(computeOrderTotals(order).total, order).outstanding;
}

/**
 * An online payment is being decided: a processor call is in flight or the buyer is answering a
 * challenge. Its amount was fixed from the balance, so offline money now could collect twice.
 */
export function onlinePaymentResolving(order: ExistingOrder): boolean {
  return order.payment_intents.some((pi) => pi.pending !== null || pi.confirming_amount !== null);
}

/** Offline money still in the merchant's hands: recorded − reversed − refunded by hand. */
export function manualRefundable(order: ExistingOrder): number {
  return order.manual_recorded - order.manual_reversed - order.manual_refunds.reduce((sum, r) => sum + r.amount, 0);
}

/** What the order can still take in: outstanding minus what online payments already hold. */
export function collectibleNow(order: ExistingOrder): number {
  return outstandingBalance(order) - order.payment_intents.reduce((sum, pi) => sum + heldAmount(pi), 0);
}

/** A trimmed, non-empty text of at most `max` characters, or null when absent/null. */
export function optionalText(value: unknown, field: string, max: number, code: OrderErrorCode): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim().length === 0 || [...value].length > max) {
    throw orderError(code, `${field} must be a non-empty text of at most ${max} characters`, field);
  }
  return value;
}

export function requiredText(value: unknown, field: string, max: number, code: OrderErrorCode): string {
  const text = optionalText(value, field, max, code);
  if (text === null) throw orderError(code, `${field} is required`, field);
  return text;
}

export function validateDaysUntilDue(value: unknown, field = 'days_until_due'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DAYS_UNTIL_DUE) {
    throw orderError('INVALID_DAYS_UNTIL_DUE', `${field} must be a whole number of days from 0 to ${MAX_DAYS_UNTIL_DUE}`, field);
  }
  return value;
}

/** A calendar date YYYY-MM-DD that exists. */
export function validateDueDate(value: unknown, field = 'due_date'): string | null {
  if (value === undefined || value === null) return null;
  if (!isCalendarDate(value)) {
    throw orderError('INVALID_DUE_DATE', `${field} must be a date written YYYY-MM-DD`, field);
  }
  return value;
}

/** When an invoice issued at `issuedAt` falls due: the end of its due date (UTC), or issue + N days. */
export function dueAt(invoice: Pick<Invoice, 'due_date' | 'days_until_due'>, issuedAt: string): string {
  if (invoice.due_date) return `${invoice.due_date}T23:59:59.999Z`;
  return new Date(Date.parse(issuedAt) + invoice.days_until_due * DAY_MS).toISOString();
}
