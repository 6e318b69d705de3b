import { assertNever } from '../../core/decider.js';
import type { ExistingOrder } from '../model/order-state.js';
import type { CollectionEvent } from '../model/collection-events.js';
import type { Invoice } from '../model/invoice-state.js';

/** Folds an invoice or manual-payment fact into the order. */
export function evolveCollection(order: ExistingOrder, event: CollectionEvent): ExistingOrder {
  const at = event.data.occurred_at;
  switch (event.type) {
    case 'InvoiceCreated': {
      const { invoice_id, customer_id, days_until_due, due_date, memo } = event.data;
      const invoice: Invoice = {
        id: invoice_id,
        lifecycle: 'draft',
        customer_id,
        days_until_due,
        due_date,
        memo,
        number: null,
        pay_token: null,
        issued_at: null,
        due_at: null,
        snapshot: null,
        overdue_at: null,
        reminders: [],
        voided_at: null,
        void_reason: null,
        uncollectible_at: null,
        written_off: 0,
        collected: 0,
        created_at: at,
        updated_at: at,
      };
      return { ...order, invoices: [...order.invoices, invoice] };
    }
    case 'InvoiceDraftUpdated':
      return withInvoice(order, event.data.invoice_id, at, () => ({ ...event.data.changes }));
    case 'InvoiceIssued': {
      const { number, pay_token, due_at, snapshot } = event.data;
      return withInvoice(order, event.data.invoice_id, at, () => ({ lifecycle: 'issued', number, pay_token, due_at, snapshot, issued_at: at }));
    }
    case 'InvoiceVoided':
      return withInvoice(order, event.data.invoice_id, at, () => ({ lifecycle: 'void', voided_at: at, void_reason: event.data.reason }));
    case 'InvoiceMarkedUncollectible': {
      const amount = event.data.amount_written_off;
      const next = withInvoice(order, event.data.invoice_id, at, () => ({ lifecycle: 'uncollectible', uncollectible_at: at, written_off: amount }));
      return next;
    }
    case 'InvoiceReminderSent':
      return withInvoice(order, event.data.invoice_id, at, (inv) => ({ reminders: [...inv.reminders, { sequence: event.data.sequence, kind: event.data.kind, step: event.data.step ?? null, sent_at: at }] }));
    case 'InvoiceMarkedOverdue':
      return withInvoice(order, event.data.invoice_id, at, () => ({ overdue_at: at }));
    case 'ManualPaymentRecorded': {
      const { manual_payment_id, invoice_id, amount, method, received_at, reference, note } = event.data;
      const credited = invoice_id ? creditInvoice(order, invoice_id, amount, at) : order;
      return {
        ...credited,
        manual_payments: [
          ...order.manual_payments,
          { id: manual_payment_id, invoice_id, amount, method, received_at, reference, note, recorded_at: at, reversed_at: null, reversal_reason: null },
        ],
      };
    }
    case 'ManualPaymentReversed': {
      const { manual_payment_id, invoice_id, amount, reason } = event.data;
      const debited = invoice_id ? creditInvoice(order, invoice_id, -amount, at) : order;
      return {
        ...debited,
        manual_payments: order.manual_payments.map((mp) => (mp.id === manual_payment_id ? { ...mp, reversed_at: at, reversal_reason: reason } : mp)),
      };
    }
    case 'ManualRefundRecorded': {
      const { manual_refund_id, amount, method, refunded_at, reference, reason } = event.data;
      return {
        ...order,
        manual_refunds: [...order.manual_refunds, { id: manual_refund_id, amount, method, refunded_at, reference, reason, recorded_at: at }],
      };
    }
    default:
      return assertNever(event);
  }
}

/** Moves what an invoice collected (a negative amount for a reversal). */
export function creditInvoice(order: ExistingOrder, invoiceId: string, amount: number, at: string): ExistingOrder {
  return withInvoice(order, invoiceId, at, (inv) => ({ collected: inv.collected + amount }));
}

function withInvoice(order: ExistingOrder, invoiceId: string, at: string, change: (invoice: Invoice) => Partial<Invoice>): ExistingOrder {
  return { ...order, invoices: order.invoices.map((inv) => (inv.id === invoiceId ? { ...inv, ...change(inv), updated_at: at } : inv)) };
}
