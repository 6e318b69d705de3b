import { fold } from '../core/decider.js';
import { orderDecider } from './order-decider.js';
import type { ExistingOrder } from './model/order-state.js';
import { INV_1, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded, manualPaymentReversed, MP_2, SNAPSHOT_100 } from '../testing/collection-fixtures.js';
import { deciderSpec } from '../testing/decider-spec.js';
import { command, CUS_1, LI_1, NOW, ORDER_ID, orderCreated, usd } from '../testing/order-fixtures.js';
import { actionRequired, authorized, captured, CARD, intentCreated, methodAttached, ORDER_100, PI_1, PI_2, processingStarted } from '../testing/payment-fixtures.js';
import type { OrderEvent } from './model/order-events.js';
import { invoiceStatus } from './rules/invoice-status.js';

/* How an issued invoice holds the order: the rules other commands follow because of it. */
const spec = deciderSpec(orderDecider);
const ORDER = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const DRAFT = [...ORDER, invoiceCreated()];
const ISSUED = [...DRAFT, invoiceIssued()];
const statusAfter = (events: Parameters<typeof fold>[1]) => {
  const order = fold(orderDecider, events) as ExistingOrder;
  return [invoiceStatus(order.invoices[0], order), order.invoices[0].collected];
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

  it('a manual-capture intent made before the invoice cannot be confirmed while it holds the order', () => {
    const before = [...ORDER, intentCreated(PI_1, 'manual'), invoiceCreated(), invoiceIssued()];
    spec.given(before).when(command('StartPaymentConfirmation', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: 'key-9', payment_method: CARD })).thenThrows('INVOICE_REQUIRES_AUTOMATIC_CAPTURE', { kind: 'business' });
  });

  it('a hold blocks marking the invoice uncollectible, and a capture never takes more than is owed', () => {
    const held = [...ORDER, intentCreated(PI_1, 'manual'), methodAttached(), processingStarted(PI_1, 'key-1', 10000, false), authorized(PI_1, 'key-1', 10000)];
    // (Built by hand: an invoice issued over a hold is refused today; older histories may hold both.)
    const both = [...held, invoiceCreated(), invoiceIssued()];
    spec.given(both).when(command('MarkInvoiceUncollectible', { order_id: ORDER_ID, invoice_id: INV_1 })).thenThrows('INVOICE_PAYMENT_RESOLVING');
    const lowered = [...held, manualPaymentRecorded(4000, undefined, null)];
    const capture = (amount: number) => command('StartCapture', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: 'key-2', capture_id: 'cap_9', amount_money: usd(amount), final: true });
    spec.given(lowered).when(capture(6001)).thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', { field: 'amount_money' });
    spec.given(lowered).when(capture(6000)).then([
      { type: 'PaymentCaptureStarted', data: { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: 'key-2', capture_id: 'cap_9', amount: 6000, final: true, occurred_at: NOW } },
    ]);
  });

  it('a write-off keeps what is sold locked (no sale can reuse it)', () => {
    const written = [...ISSUED, { type: 'InvoiceMarkedUncollectible', data: { order_id: ORDER_ID, invoice_id: INV_1, amount_written_off: 10000, occurred_at: NOW } } as OrderEvent];
    spec.given(written).when(command('RemoveLineItem', { order_id: ORDER_ID, line_item_id: LI_1 })).thenThrows('LINE_ITEMS_LOCKED');
  });

  it('an uncollectible mark settles a closed order whose check bounced after closing', () => {
    const closedThenBounced = [
      ...ISSUED,
      manualPaymentRecorded(10000),
      { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } } as OrderEvent,
      manualPaymentReversed(10000),
    ];
    spec.given(closedThenBounced).when(command('MarkInvoiceUncollectible', { order_id: ORDER_ID, invoice_id: INV_1 })).then([
      { type: 'InvoiceMarkedUncollectible', data: { order_id: ORDER_ID, invoice_id: INV_1, amount_written_off: 10000, occurred_at: NOW } },
    ]);
  });

  it('the customer of an invoiced order cannot change (ORDER_HELD_BY_INVOICE)', () => {
    spec.given(DRAFT).when(command('UpdateOrderDetails', { order_id: ORDER_ID, changes: { customer_id: null } })).thenThrows('ORDER_HELD_BY_INVOICE', { field: 'customer_id' });
    spec.given(DRAFT).when(command('UpdateOrderDetails', { order_id: ORDER_ID, changes: { notes: 'fine' } })).then([
      { type: 'OrderDetailsUpdated', data: { order_id: ORDER_ID, changes: { notes: 'fine' }, occurred_at: NOW } },
    ]);
  });

  it('closing an order voids its draft invoice', () => {
    spec.given(DRAFT).when(command('CloseOrder', { order_id: ORDER_ID, reason: 'canceled' })).then([
      { type: 'InvoiceVoided', data: { order_id: ORDER_ID, invoice_id: INV_1, reason: 'order closed', occurred_at: NOW } },
      { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'canceled', occurred_at: NOW } },
    ]);
  });

  it('a card payment for an invoice is checked on the same revision (INVOICE_NOT_OPEN, INVOICE_PAID)', () => {
    const pay = command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'automatic', invoice_id: INV_1 });
    spec.given(DRAFT).when(pay).thenThrows('INVOICE_NOT_OPEN', { field: 'invoice_id' });
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(pay).thenThrows('INVOICE_PAID', { field: 'invoice_id' });
  });

  it('another payment holding the whole balance is PAYMENT_IN_PROGRESS, not NOTHING_OUTSTANDING', () => {
    const challenged = [...ISSUED, intentCreated(PI_1, 'automatic'), methodAttached(), processingStarted(PI_1, 'key-1', 10000, true), actionRequired(PI_1, 'key-1')];
    const second = [...challenged, intentCreated(PI_2, 'automatic')];
    spec.given(second).when(command('StartPaymentConfirmation', { order_id: ORDER_ID, payment_intent_id: PI_2, attempt_key: 'key-5', payment_method: CARD })).thenThrows('PAYMENT_IN_PROGRESS');
  });

  it('an invoice counts what it collected itself: a reversed earlier payment does not make it paid or void-able by mistake', () => {
    const earlier = [...ORDER, manualPaymentRecorded(3000, undefined, null), invoiceCreated(), invoiceIssued(INV_1, { ...SNAPSHOT_100, paid_before: 3000, amount_due: 7000 })];
    const reversed = [...earlier, manualPaymentReversed(3000, undefined, null)];
    expect(statusAfter(reversed)).toEqual(['open', 0]);
    const collected = [...reversed, manualPaymentRecorded(2000, MP_2, INV_1)];
    expect(statusAfter(collected)).toEqual(['partially_paid', 2000]);
    spec.given(collected).when(command('VoidInvoice', { order_id: ORDER_ID, invoice_id: INV_1 })).thenThrows('INVOICE_HAS_PAYMENTS');
  });
});
