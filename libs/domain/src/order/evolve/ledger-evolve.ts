import type { OrderEvent } from '../model/order-events.js';
import type { ExistingOrder, LedgerSlice } from '../model/order-state.js';

/** The ledger part of an order: every money counter and nothing else. */
export function ledgerOf(order: ExistingOrder): LedgerSlice {
  const { captured, manual_recorded, manual_reversed, refunded, written_off, reduced, reopened } = order;
  return { captured, manual_recorded, manual_reversed, refunded, written_off, reduced, reopened };
}

/**
 * The one fold that moves money counters (the balance in model/balance.ts is derived from them).
 * It reads the order as it was before the event, to apply a fact only where the other slices
 * do too (a capture of an intent the order has; a refund part still pending).
 */
export function evolveLedger(before: ExistingOrder, event: OrderEvent): LedgerSlice {
  const ledger = ledgerOf(before);
  switch (event.type) {
    case 'PaymentCaptured':
      return before.payment_intents.some((pi) => pi.id === event.data.payment_intent_id) ? { ...ledger, captured: ledger.captured + event.data.amount } : ledger;
    case 'RefundSucceeded': {
      const part = before.refunds.find((r) => r.id === event.data.refund_id)?.parts.find((p) => p.attempt_key === event.data.attempt_key);
      return part?.status === 'pending' ? { ...ledger, refunded: ledger.refunded + part.amount } : ledger;
    }
    case 'ManualPaymentRecorded': {
      const amount = event.data.amount;
      // On a closed order only a reopened balance takes money: what comes in closes it again.
      return { ...ledger, manual_recorded: ledger.manual_recorded + amount, reopened: before.status === 'closed' ? Math.max(0, ledger.reopened - amount) : ledger.reopened };
    }
    case 'ManualPaymentReversed': {
      const amount = event.data.amount;
      return { ...ledger, manual_reversed: ledger.manual_reversed + amount, reopened: before.status === 'closed' ? ledger.reopened + amount : ledger.reopened };
    }
    case 'ManualRefundRecorded':
      return { ...ledger, refunded: ledger.refunded + event.data.amount };
    case 'InvoiceMarkedUncollectible': {
      const amount = event.data.amount_written_off;
      return { ...ledger, written_off: ledger.written_off + amount, reopened: Math.max(0, ledger.reopened - amount) };
    }
    case 'OrderBalanceWrittenOff':
      // On closing nothing is reopened; after closing, what is written off is what had reopened.
      return { ...ledger, written_off: ledger.written_off + event.data.amount, reopened: Math.max(0, ledger.reopened - event.data.amount) };
    case 'OrderBalanceReduced':
      return { ...ledger, reduced: ledger.reduced + event.data.amount };
    default:
      return ledger;
  }
}
