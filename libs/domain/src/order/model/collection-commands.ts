import type { Money } from '../../money/money.js';
import type { Command } from '../../core/decider.js';
import type { InvoiceDraftChanges } from './collection-events.js';
import type { ReminderKind } from './invoice-state.js';

/*
 * Invoice and manual-payment commands. Ids, invoice numbers, pay tokens and time come in the
 * command (the app mints them); the decider still checks every field at run time.
 */
export type CreateInvoice = Command<
  'CreateInvoice',
  { order_id: string; invoice_id: string; customer_id?: string | null; days_until_due?: number | null; due_date?: string | null; memo?: string | null }
>;
export type UpdateInvoiceDraft = Command<'UpdateInvoiceDraft', { order_id: string; invoice_id: string; changes: InvoiceDraftChanges }>;
export type IssueInvoice = Command<'IssueInvoice', { order_id: string; invoice_id: string; number: string; pay_token: string }>;
export type VoidInvoice = Command<'VoidInvoice', { order_id: string; invoice_id: string; reason?: string | null }>;
export type MarkInvoiceUncollectible = Command<'MarkInvoiceUncollectible', { order_id: string; invoice_id: string }>;
/**
 * `manual`: asked for through the API; the other kinds come from the reminder schedule, with the
 * schedule's `step`: a step already sent is not sent again (two schedulers cannot double it).
 */
export type SendInvoiceReminder = Command<'SendInvoiceReminder', { order_id: string; invoice_id: string; kind: ReminderKind; step?: number | null }>;
export type MarkInvoiceOverdue = Command<'MarkInvoiceOverdue', { order_id: string; invoice_id: string }>;
export type RecordManualPayment = Command<
  'RecordManualPayment',
  {
    order_id: string;
    manual_payment_id: string;
    /** When given, must be the order's issued invoice. */
    invoice_id?: string | null;
    /** In the order's currency. */
    amount_money: Money;
    method: string;
    received_at: string;
    reference?: string | null;
    note?: string | null;
  }
>;
export type ReverseManualPayment = Command<'ReverseManualPayment', { order_id: string; manual_payment_id: string; invoice_id?: string | null; reason: string }>;

export type RecordManualRefund = Command<
  'RecordManualRefund',
  { order_id: string; manual_refund_id: string; amount_money: Money; method: string; refunded_at: string; reference?: string | null; reason?: string | null }
>;

export type CollectionCommand =
  | CreateInvoice
  | UpdateInvoiceDraft
  | IssueInvoice
  | VoidInvoice
  | MarkInvoiceUncollectible
  | SendInvoiceReminder
  | MarkInvoiceOverdue
  | RecordManualPayment
  | ReverseManualPayment
  | RecordManualRefund;
