import { assertNever, refundPartsOf, type Money, type OrderEvent, type OrderState } from '#ordo/domain';
import { formatMoney } from './money-format.js';

const money = (m: Money | null | undefined) => (m ? formatMoney(m.amount, m.currency) : '');
const scope = (ids: readonly string[]) => (ids.length === 0 ? 'the whole order' : `line item${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`);

/** An amount in the order's currency (every payment fact is in it). */
const orderMoney = (state: OrderState, amount: number) => (state.status === 'none' ? String(amount) : formatMoney(amount, state.currency));

function lineName(state: OrderState, id: string): string {
  if (state.status === 'none') return id;
  const line = state.line_items.find((l) => l.id === id);
  return line ? `"${line.name}"` : id;
}

/** One sentence per fact, for support staff reading an order's timeline. */
export function describeOrderEvent(event: OrderEvent, before: OrderState): string {
  switch (event.type) {
    case 'OrderCreated':
      return `Order created in ${event.data.currency}${event.data.customer_id ? ` for customer ${event.data.customer_id}` : ''}`;
    case 'LineItemAdded':
      return `Line item "${event.data.name}" added: ${event.data.quantity} × ${money(event.data.unit_price_money)}`;
    case 'LineItemUpdated': {
      const c = event.data.changes;
      const parts = [
        c.name !== undefined ? `name "${c.name}"` : '',
        c.quantity !== undefined ? `quantity ${c.quantity}` : '',
        c.unit_price_money !== undefined ? `unit price ${money(c.unit_price_money)}` : '',
        c.sku !== undefined ? `SKU ${c.sku ?? 'cleared'}` : '',
        c.metadata !== undefined ? 'metadata' : '',
      ].filter(Boolean);
      return `Line item ${lineName(before, event.data.line_item_id)} changed: ${parts.join(', ')}`;
    }
    case 'LineItemRemoved':
      return `Line item ${lineName(before, event.data.line_item_id)} removed`;
    case 'DiscountApplied': {
      const d = event.data;
      const what = d.type === 'fixed' ? money(d.amount_money) : `${d.percentage}%`;
      return `Discount "${d.name}" (${what}) applied to ${scope(d.line_item_ids)}`;
    }
    case 'DiscountRemoved':
      return `Discount ${event.data.discount_id} removed`;
    case 'TaxApplied': {
      const t = event.data;
      return `Tax "${t.name}" ${t.percentage}% (${t.inclusion}) applied to ${scope(t.line_item_ids)}`;
    }
    case 'TaxRemoved':
      return `Tax ${event.data.tax_id} removed`;
    case 'TipSet':
      return `Tip set to ${event.data.type === 'fixed' ? money(event.data.amount_money) : `${event.data.percentage}%`}`;
    case 'TipRemoved':
      return 'Tip removed';
    case 'OrderDetailsUpdated':
      return `Order details changed: ${Object.keys(event.data.changes).join(', ')}`;
    case 'OrderBalanceWrittenOff':
      return `Outstanding balance of ${orderMoney(before, event.data.amount)} written off${before.status === 'closed' ? ' after closing' : ' on closing'}`;
    case 'OrderBalanceReduced':
      return `What the order is owed reduced by ${orderMoney(before, event.data.amount)}: the rest of the authorization of payment ${event.data.payment_intent_id} was released, not to be collected`;
    case 'OrderClosed':
      return `Order closed (${event.data.reason})`;
    case 'PaymentIntentCreated': {
      const d = event.data;
      const amount = d.amount === null ? 'the outstanding balance' : formatMoney(d.amount, d.currency);
      return `Payment ${d.payment_intent_id} created for ${amount} (${d.capture_method} capture${d.off_session ? ', off-session: charged without the customer present' : ''}${d.checkout_session_id ? `, on hosted checkout ${d.checkout_session_id}` : ''})`;
    }
    case 'PaymentMethodAttached': {
      const pm = event.data.payment_method;
      return `Card ${pm.brand} ending ${pm.last4} (expires ${String(pm.exp_month).padStart(2, '0')}/${pm.exp_year}${pm.payment_method_id ? `, saved method ${pm.payment_method_id}` : ''}) attached to payment ${event.data.payment_intent_id}`;
    }
    case 'PaymentProcessingStarted': {
      const d = event.data;
      const what = d.capture ? 'charge' : 'authorization';
      const after = d.action_result === null ? '' : d.action_result === 'approve' ? ' after the buyer completed authentication' : ' after the buyer failed authentication';
      return `Card ${what} of ${orderMoney(before, d.amount)} sent to the processor for payment ${d.payment_intent_id}${after}`;
    }
    case 'PaymentActionRequired':
      return `Payment ${event.data.payment_intent_id} needs the buyer to authenticate the card`;
    case 'PaymentAuthorized':
      return `Payment ${event.data.payment_intent_id} authorized for ${orderMoney(before, event.data.amount)} (hold expires ${event.data.expires_at})`;
    case 'PaymentFailed':
      return `Payment ${event.data.payment_intent_id} ${event.data.failure_type === 'declined' ? 'declined' : 'failed'}: ${event.data.message} (${event.data.code})`;
    case 'PaymentCaptureStarted':
      return `Capture of ${orderMoney(before, event.data.amount)} sent to the processor for payment ${event.data.payment_intent_id}`;
    case 'PaymentCaptured':
      return `${orderMoney(before, event.data.amount)} captured on payment ${event.data.payment_intent_id}${event.data.final ? '' : ' (partial capture, the rest stays authorized)'}`;
    case 'PaymentCaptureFailed':
      return `Capture on payment ${event.data.payment_intent_id} failed: ${event.data.message} (${event.data.code})`;
    case 'PaymentVoidStarted':
      return `Release of the ${orderMoney(before, event.data.amount)} hold on payment ${event.data.payment_intent_id} sent to the processor (${{ expired: 'authorization expired', canceled: 'cancellation', rest_released: 'the rest after a capture' }[event.data.reason]})`;
    case 'PaymentVoidFailed':
      return `Release of the hold on payment ${event.data.payment_intent_id} failed: ${event.data.message} (${event.data.code})`;
    case 'PaymentAuthorizationReleased': {
      const why = { final_capture: 'after the final capture', canceled: 'on cancellation', expired: 'on expiry', rest_released: 'on request after a capture' }[event.data.reason];
      return `${orderMoney(before, event.data.amount)} of the hold on payment ${event.data.payment_intent_id} released ${why}`;
    }
    case 'PaymentIntentCanceled':
      return `Payment ${event.data.payment_intent_id} canceled${event.data.cancellation_reason ? ` (${event.data.cancellation_reason.replaceAll('_', ' ')})` : ''}`;
    case 'PaymentAuthorizationExpired':
      return `The authorization of payment ${event.data.payment_intent_id} expired`;
    case 'RefundRequested': {
      const d = event.data;
      const lines = d.line_items.length === 0 ? '' : ` for ${d.line_items.map((l) => `${l.quantity} × ${lineName(before, l.line_item_id)}`).join(', ')}`;
      const parts = refundPartsOf(d);
      const from = parts.length === 1 ? `on payment ${parts[0]!.payment_intent_id}` : `from ${parts.map((p) => `payment ${p.payment_intent_id} (${orderMoney(before, p.amount)})`).join(' and ')}`;
      return `Refund ${d.refund_id} of ${orderMoney(before, d.amount)} requested ${from}${lines}`;
    }
    case 'RefundSucceeded':
      return `Refund ${event.data.refund_id}: ${orderMoney(before, event.data.amount)} from payment ${event.data.payment_intent_id} succeeded`;
    case 'RefundFailed':
      return `Refund ${event.data.refund_id}: ${orderMoney(before, event.data.amount)} from payment ${event.data.payment_intent_id} failed (${event.data.failure_code})`;
    case 'InvoiceCreated': {
      const d = event.data;
      const terms = d.due_date ? `due ${d.due_date}` : `due ${d.days_until_due} days after issue`;
      return `Invoice ${d.invoice_id} drafted for customer ${d.customer_id} (${terms})`;
    }
    case 'InvoiceDraftUpdated':
      return `Invoice ${event.data.invoice_id} draft changed: ${Object.keys(event.data.changes).join(', ').replaceAll('_', ' ')}`;
    case 'InvoiceIssued':
      return `Invoice ${event.data.number} issued for ${orderMoney(before, event.data.snapshot.amount_due)}, due ${event.data.due_at.slice(0, 10)}`;
    case 'InvoiceVoided':
      return `Invoice ${event.data.invoice_id} voided${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'InvoiceMarkedUncollectible':
      return `Invoice ${event.data.invoice_id} marked uncollectible: ${orderMoney(before, event.data.amount_written_off)} written off`;
    case 'InvoiceReminderSent': {
      const kind = { manual: 'Reminder', before_due: 'Reminder before the due date', due: 'Reminder on the due date', overdue: 'Overdue reminder' }[event.data.kind];
      return `${kind} #${event.data.sequence} sent for invoice ${event.data.invoice_id}: ${orderMoney(before, event.data.amount_due)} due`;
    }
    case 'InvoiceMarkedOverdue':
      return `Invoice ${event.data.invoice_id} is overdue: ${orderMoney(before, event.data.amount_due)} was due ${event.data.due_at.slice(0, 10)}`;
    case 'ManualPaymentRecorded': {
      const d = event.data;
      const ref = d.reference ? ` (reference ${d.reference})` : '';
      return `${orderMoney(before, d.amount)} received by ${d.method.replaceAll('_', ' ')} on ${d.received_at.slice(0, 10)}${ref} recorded as manual payment ${d.manual_payment_id}`;
    }
    case 'ManualPaymentReversed':
      return `Manual payment ${event.data.manual_payment_id} of ${orderMoney(before, event.data.amount)} reversed: ${event.data.reason}`;
    case 'ManualRefundRecorded': {
      const d = event.data;
      return `${orderMoney(before, d.amount)} refunded by ${d.method.replaceAll('_', ' ')} on ${d.refunded_at.slice(0, 10)} outside Ordo${d.reference ? ` (reference ${d.reference})` : ''}, recorded as ${d.manual_refund_id}`;
    }
    case 'CheckoutSessionOpened':
      return `Hosted checkout ${event.data.checkout_session_id} opened${event.data.payment_link_id ? ` from payment link ${event.data.payment_link_id}` : ''}, expires ${event.data.expires_at}`;
    case 'CheckoutSessionCompleted':
      return `Hosted checkout ${event.data.checkout_session_id} completed: ${orderMoney(before, event.data.amount)} paid by payment ${event.data.payment_intent_id}`;
    case 'CheckoutSessionExpired':
      return `Hosted checkout ${event.data.checkout_session_id} expired unpaid`;
    case 'CheckoutSessionClosed': {
      const why = { closed: 'closed by the merchant', replaced: 'replaced by a new session', order_paid: 'closed: the order was paid otherwise', order_closed: 'closed with the order' }[event.data.reason];
      return `Hosted checkout ${event.data.checkout_session_id} ${why}`;
    }
    default:
      return assertNever(event);
  }
}
