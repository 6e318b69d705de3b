import type { Money } from '../../money/money.js';
import type { RefundReason } from './payment-state.js';

/**
 * What an invoice records itself. Its money status is not stored: an issued invoice is `open`,
 * `partially_paid` or `paid` according to its order's balance (see invoiceStatus), so a
 * reversed manual payment reopens it without a second fact to keep in step.
 */
export type InvoiceLifecycle = 'draft' | 'issued' | 'void' | 'uncollectible';
export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'void' | 'uncollectible';

/** What was billed, frozen when the invoice is issued: later facts never change it. */
export interface InvoiceSnapshot {
  line_items: { id: string; name: string; quantity: number; unit_price_money: Money; total_money: Money }[];
  subtotal: number;
  discount: number;
  tax: number;
  tip: number;
  total: number;
  /** Already paid on the order when the invoice was issued. */
  paid_before: number;
  /** What the order still owed when it was issued (total − paid_before − anything written off before): what the invoice asks for. */
  amount_due: number;
}

export type ReminderKind = 'manual' | 'before_due' | 'due' | 'overdue';

export interface InvoiceReminder {
  sequence: number;
  /** The reminder schedule's step it was sent for; null when asked for through the API. */
  step: number | null;
  kind: ReminderKind;
  sent_at: string;
}

export interface Invoice {
  id: string;
  lifecycle: InvoiceLifecycle;
  customer_id: string;
  /** Draft terms: due this many days after issue, unless due_date is set. */
  days_until_due: number;
  /** A fixed due date (YYYY-MM-DD, end of that day UTC), or null. */
  due_date: string | null;
  memo: string | null;
  /** Set when issued. */
  number: string | null;
  pay_token: string | null;
  issued_at: string | null;
  due_at: string | null;
  snapshot: InvoiceSnapshot | null;
  overdue_at: string | null;
  reminders: InvoiceReminder[];
  voided_at: string | null;
  void_reason: string | null;
  uncollectible_at: string | null;
  /** What marking it uncollectible wrote off. */
  written_off: number;
  /**
   * What this invoice collected: card captures while it held the order, plus its manual
   * payments, less their reversals. Refunds do not lower it (they give money back for what was
   * sold; the invoice stays paid).
   */
  collected: number;
  created_at: string;
  updated_at: string;
}

export const MANUAL_PAYMENT_METHODS = ['wire', 'bank_transfer', 'check', 'cash', 'other'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

/** Money given back to the buyer outside Ordo (against money that came in outside Ordo). */
export interface ManualRefund {
  id: string;
  amount: number;
  method: ManualPaymentMethod;
  refunded_at: string;
  reference: string | null;
  reason: RefundReason | null;
  recorded_at: string;
}

/** Money received outside Ordo, recorded by the merchant; reversed when it did not arrive after all. */
export interface ManualPayment {
  id: string;
  /** The invoice that held the order when it was recorded, if any. */
  invoice_id: string | null;
  amount: number;
  method: ManualPaymentMethod;
  received_at: string;
  reference: string | null;
  note: string | null;
  recorded_at: string;
  reversed_at: string | null;
  reversal_reason: string | null;
}
