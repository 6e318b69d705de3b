import { fold } from '../core/decider.js';
import { orderDecider } from '../orders/order-decider.js';
import type { ExistingOrder } from '../orders/order-state.js';
import { INV_1, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded, manualPaymentReversed } from '../testing/collection-fixtures.js';
import { deciderSpec } from '../testing/decider-spec.js';
import { command, CUS_1, LI_1, NOW, ORDER_ID, orderCreated } from '../testing/order-fixtures.js';
import { captured, intentCreated, methodAttached, ORDER_100, PI_1, processingStarted } from '../testing/payment-fixtures.js';
import { invoiceAmountPaid, invoiceStatus } from './invoice-status.js';

/* How an issued invoice holds the order: the rules other commands follow because of it. */
const spec = deciderSpec(orderDecider);
const ORDER = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const DRAFT = [...ORDER, invoiceCreated()];
const ISSUED = [...DRAFT, invoiceIssued()];
const statusAfter = (events: Parameters<typeof fold>[1]) => {
  const order = fold(orderDecider, events) as ExistingOrder;
  return [invoiceStatus(order.invoices[0], order), invoiceAmountPaid(order.invoices[0], order)];
};

describe('one collector at a time', () => {
  it('an issued invoice locks what is sold (LINE_ITEMS_LOCKED); a draft or a void one does not', () => {
    const change = command('UpdateLineItem', { order_id: ORDER_ID, line_item_id: LI_1, changes: { quantity: 2 } });
    spec.given(ISSUED).when(change).thenThrows('LINE_ITEMS_LOCKED', { kind: 'conflict' });
    spec.given(DRAFT).when(change).then([{ type: 'LineItemUpdated', data: { order_id: ORDER_ID, line_item_id: LI_1, changes: { quantity: 2 }, occurred_at: NOW } }]);
    spec.given([...ISSUED, invoiceVoided()]).when(change).then([{ type: 'LineItemUpdated', data: { order_id: ORDER_ID, line_item_id: LI_1, changes: { quantity: 2 }, occurred_at: NOW } }]);
  });

  it('card payments on an invoiced order are captured at once (INVOICE_REQUIRES_AUTOMATIC_CAPTURE)', () => {
    const manual = command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'manual' });
    spec.given(ISSUED).when(manual).thenThrows('INVOICE_REQUIRES_AUTOMATIC_CAPTURE', { kind: 'business', field: 'capture_method' });
    spec.given(ISSUED).when({ ...manual, data: { ...manual.data, capture_method: 'automatic' } }).then([
      { type: 'PaymentIntentCreated', data: { order_id: ORDER_ID, payment_intent_id: PI_1, amount: null, currency: 'USD', capture_method: 'automatic', customer_id: CUS_1, occurred_at: NOW } },
    ]);
  });

  it('an order held by an invoice with money owed cannot be closed (ORDER_HELD_BY_INVOICE)', () => {
    spec.given(ISSUED).when(command('CloseOrder', { order_id: ORDER_ID })).thenThrows('ORDER_HELD_BY_INVOICE', { kind: 'conflict' });
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(command('CloseOrder', { order_id: ORDER_ID })).then([{ type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } }]);
  });

  it('the invoice status follows the order balance: open → partially_paid → paid (card clears it) → reopened by a reversal', () => {
    expect(statusAfter(ISSUED)).toEqual(['open', 0]);
    const half = [...ISSUED, manualPaymentRecorded(5000)];
    expect(statusAfter(half)).toEqual(['partially_paid', 5000]);
    const card = [...half, intentCreated(PI_1, 'automatic'), methodAttached(), processingStarted(PI_1, 'key-1', 5000, true), captured(PI_1, 'key-1', 5000)];
    expect(statusAfter(card)).toEqual(['paid', 10000]);
    expect(statusAfter([...card, manualPaymentReversed(5000)])).toEqual(['partially_paid', 5000]);
    expect(statusAfter(DRAFT)).toEqual(['draft', 0]);
  });

  it('a manual payment recorded before the invoice is not the invoice’s', () => {
    const before = [...ORDER, manualPaymentRecorded(2500, undefined, null), invoiceCreated()];
    const issued = [...before, ...orderDecider.decide(command('IssueInvoice', { order_id: ORDER_ID, invoice_id: INV_1, number: 'INV-9', pay_token: 'tok_0123456789abcdef' }), fold(orderDecider, before))];
    expect(statusAfter(issued)).toEqual(['open', 0]);
    expect((fold(orderDecider, issued) as ExistingOrder).invoices[0].snapshot?.amount_due).toBe(7500);
  });
});
