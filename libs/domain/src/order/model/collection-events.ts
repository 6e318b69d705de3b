import type { DomainEvent } from '../../core/decider.js';
import type { RefundReason } from './payment-state.js';
import type { InvoiceSnapshot, ManualPaymentMethod, ReminderKind } from './invoice-state.js';

/*
 * Invoice and manual-payment facts, appended to the order's stream (an invoice is an order billed
 * to a customer, and manual money moves the order's balance). Wire names are stable.
 */
interface InvoiceEventData {
  order_id: string;
  invoice_id: string;
  occurred_at: string;
}

export type InvoiceCreated = DomainEvent<
  'InvoiceCreated',
  InvoiceEventData & { customer_id: string; days_until_due: number; due_date: string | null; memo: string | null }
>;
/** A key present in `changes` was changed; null clears due_date / memo. */
export interface InvoiceDraftChanges {
  days_until_due?: number;
  due_date?: string | null;
  memo?: string | null;
}
export type InvoiceDraftUpdated = DomainEvent<'InvoiceDraftUpdated', InvoiceEventData & { changes: InvoiceDraftChanges }>;
/** The invoice now holds the order's right to collect; what it bills is frozen in the snapshot. */
export type InvoiceIssued = DomainEvent<'InvoiceIssued', InvoiceEventData & { number: string; pay_token: string; due_at: string; snapshot: InvoiceSnapshot }>;
export type InvoiceVoided = DomainEvent<'InvoiceVoided', InvoiceEventData & { reason: string | null }>;
/** What was still owed is written off (moves the order's written_off), recorded as such. */
export type InvoiceMarkedUncollectible = DomainEvent<'InvoiceMarkedUncollectible', InvoiceEventData & { amount_written_off: number }>;
export type InvoiceReminderSent = DomainEvent<'InvoiceReminderSent', InvoiceEventData & { sequence: number; kind: ReminderKind; step: number | null; amount_due: number }>;
export type InvoiceMarkedOverdue = DomainEvent<'InvoiceMarkedOverdue', InvoiceEventData & { due_at: string; amount_due: number }>;

export type ManualPaymentRecorded = DomainEvent<
  'ManualPaymentRecorded',
  {
    order_id: string;
    manual_payment_id: string;
    invoice_id: string | null;
    amount: number;
    method: ManualPaymentMethod;
    received_at: string;
    reference: string | null;
    note: string | null;
    occurred_at: string;
  }
>;
/** The money did not arrive after all (a bounced check): it stops counting as paid. */
export type ManualPaymentReversed = DomainEvent<
  'ManualPaymentReversed',
  { order_id: string; manual_payment_id: string; invoice_id: string | null; amount: number; reason: string; occurred_at: string }
>;

/** Money given back outside Ordo (a refund of offline money): it counts in the order's `refunded`. */
export type ManualRefundRecorded = DomainEvent<
  'ManualRefundRecorded',
  {
    order_id: string;
    manual_refund_id: string;
    amount: number;
    method: ManualPaymentMethod;
    refunded_at: string;
    reference: string | null;
    reason: RefundReason | null;
    occurred_at: string;
  }
>;

export type CollectionEvent =
  | InvoiceCreated
  | InvoiceDraftUpdated
  | InvoiceIssued
  | InvoiceVoided
  | InvoiceMarkedUncollectible
  | InvoiceReminderSent
  | InvoiceMarkedOverdue
  | ManualPaymentRecorded
  | ManualPaymentReversed
  | ManualRefundRecorded;

export type CollectionEventType = CollectionEvent['type'];

const EVENT_TYPES: { [T in CollectionEventType]: T } = {
  InvoiceCreated: 'InvoiceCreated',
  InvoiceDraftUpdated: 'InvoiceDraftUpdated',
  InvoiceIssued: 'InvoiceIssued',
  InvoiceVoided: 'InvoiceVoided',
  InvoiceMarkedUncollectible: 'InvoiceMarkedUncollectible',
  InvoiceReminderSent: 'InvoiceReminderSent',
  InvoiceMarkedOverdue: 'InvoiceMarkedOverdue',
  ManualPaymentRecorded: 'ManualPaymentRecorded',
  ManualPaymentReversed: 'ManualPaymentReversed',
  ManualRefundRecorded: 'ManualRefundRecorded',
};

/** The stable wire names of every invoice and manual-payment event. */
export const COLLECTION_EVENT_TYPES: readonly CollectionEventType[] = Object.freeze(Object.values(EVENT_TYPES));
const COLLECTION_EVENT_TYPE_SET: ReadonlySet<string> = new Set(COLLECTION_EVENT_TYPES);

export function isCollectionEvent(event: { type: string }): event is CollectionEvent {
  return COLLECTION_EVENT_TYPE_SET.has(event.type);
}
