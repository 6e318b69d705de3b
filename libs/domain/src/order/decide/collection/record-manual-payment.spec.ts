import { orderDecider } from '../../order-decider.js';
import type { OrderEvent } from '../../model/order-events.js';
import { INV_1, INV_2, invoiceCreated, invoiceIssued, invoiceVoided, manualPaymentRecorded, MP_1, MP_2 } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { asMoneyInput, command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { actionRequired, authorized, intentCreated, methodAttached, ORDER_100, processingStarted } from '../../../testing/payment-fixtures.js';

const spec = deciderSpec(orderDecider);
const ORDER = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const ISSUED = [...ORDER, invoiceCreated(), invoiceIssued()];
const record = (data: Record<string, unknown> = {}) =>
  command('RecordManualPayment', asMoneyInput({ order_id: ORDER_ID, manual_payment_id: MP_1, amount: 4000, method: 'wire', received_at: '2025-03-01', ...data }) as never);
const recorded = (data: Record<string, unknown> = {}): OrderEvent => ({
  type: 'ManualPaymentRecorded' as const,
  data: { order_id: ORDER_ID, manual_payment_id: MP_1, invoice_id: INV_1, amount: 4000, method: 'wire', received_at: '2025-03-01T00:00:00.000Z', reference: null, note: null, occurred_at: NOW, ...data },
}) as OrderEvent;

describe('RecordManualPayment', () => {
  it('records part of an invoice paid by wire, keeping the rest collectible', () => {
    spec.given(ISSUED).when(record({ invoice_id: INV_1, reference: 'WIRE-77', note: 'half now' })).then([recorded({ reference: 'WIRE-77', note: 'half now' })]);
  });

  it('joins the invoice holding the order when recorded on the order', () => {
    spec.given(ISSUED).when(record()).then([recorded()]);
  });

  it('records offline money on an order without an invoice', () => {
    spec.given(ORDER).when(record({ method: 'cash', received_at: '2025-03-01T09:30:00+01:00' })).then([recorded({ invoice_id: null, method: 'cash', received_at: '2025-03-01T08:30:00.000Z' })]);
  });

  it('takes exactly the outstanding balance, and refuses a cent more (AMOUNT_EXCEEDS_OUTSTANDING)', () => {
    spec.given([...ISSUED, manualPaymentRecorded(4000)]).when(record({ manual_payment_id: MP_2, amount: 6000 })).then([recorded({ manual_payment_id: MP_2, amount: 6000 })]);
    spec.given([...ISSUED, manualPaymentRecorded(4000)]).when(record({ manual_payment_id: MP_2, amount: 6001 })).thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', { kind: 'business', field: 'amount_money' });
  });

  it('leaves room for a card authorization that still holds money', () => {
    const held = [...ORDER, intentCreated(undefined, 'manual', 3000), methodAttached(), processingStarted(undefined, undefined, 3000), authorized(undefined, undefined, 3000)];
    spec.given(held).when(record({ amount: 7000 })).then([recorded({ amount: 7000, invoice_id: null })]);
    spec.given(held).when(record({ amount: 7001 })).thenThrows('AMOUNT_EXCEEDS_OUTSTANDING');
  });

  it('refuses a paid order with NOTHING_OUTSTANDING', () => {
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(record({ manual_payment_id: MP_2 })).thenThrows('NOTHING_OUTSTANDING');
  });

  it('refuses while a card payment on the invoice is being decided (INVOICE_PAYMENT_RESOLVING)', () => {
    spec.given([...ISSUED, intentCreated(undefined, 'automatic'), methodAttached(), processingStarted(undefined, undefined, 10000, true)]).when(record()).thenThrows('INVOICE_PAYMENT_RESOLVING', { kind: 'conflict' });
    spec.given([...ISSUED, intentCreated(undefined, 'automatic'), methodAttached(), processingStarted(undefined, undefined, 10000, true), actionRequired()]).when(record()).thenThrows('INVOICE_PAYMENT_RESOLVING');
  });

  it('refuses while a card payment on an order without invoice is being decided (PAYMENT_IN_PROGRESS)', () => {
    spec.given([...ORDER, intentCreated(undefined, 'automatic'), methodAttached(), processingStarted(undefined, undefined, 10000, true)]).when(record()).thenThrows('PAYMENT_IN_PROGRESS');
  });

  it('refuses a void or unknown invoice (INVOICE_NOT_OPEN, INVOICE_NOT_FOUND)', () => {
    spec.given([...ISSUED, invoiceVoided()]).when(record({ invoice_id: INV_1 })).thenThrows('INVOICE_NOT_OPEN', { field: 'invoice_id' });
    spec.given(ISSUED).when(record({ invoice_id: INV_2 })).thenThrows('INVOICE_NOT_FOUND', { kind: 'not_found' });
  });

  it('refuses a reused id with MANUAL_PAYMENT_ALREADY_EXISTS', () => {
    spec.given([...ISSUED, manualPaymentRecorded(1000)]).when(record()).thenThrows('MANUAL_PAYMENT_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it.each([
    ['method', { method: 'paypal' }, 'INVALID_MANUAL_PAYMENT_METHOD'],
    ['received_at', { received_at: 'yesterday' }, 'INVALID_RECEIVED_AT'],
    ['received_at', { received_at: '2025-03-02' }, 'INVALID_RECEIVED_AT'],
    ['reference', { reference: 'r'.repeat(201) }, 'INVALID_REFERENCE'],
    ['note', { note: '   ' }, 'INVALID_NOTE'],
    ['amount_money.amount', { amount: 0 }, 'INVALID_AMOUNT'],
    ['amount_money.amount', { amount: 10.5 }, 'INVALID_AMOUNT'],
    ['manual_payment_id', { manual_payment_id: 'pay_1' }, 'INVALID_ID'],
  ])('refuses a bad %s', (field, data, code) => {
    spec.given(ISSUED).when(record(data)).thenThrows(code, { kind: 'validation', field });
  });

  it("refuses money in another currency than the order's with CURRENCY_MISMATCH", () => {
    spec.given(ISSUED).when(record({ currency: 'EUR' })).thenThrows('CURRENCY_MISMATCH', { kind: 'business', field: 'amount_money.currency' });
  });

  it('takes money on a closed order only for a balance that reopened after closing (a check bounced later)', () => {
    const closed = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } } as OrderEvent;
    const bounced = [...ISSUED, manualPaymentRecorded(4000), manualPaymentRecorded(6000, MP_2), closed, { ...manualPaymentRecorded(0), type: 'ManualPaymentReversed', data: { order_id: ORDER_ID, manual_payment_id: MP_1, invoice_id: INV_1, amount: 4000, reason: 'bounced', occurred_at: NOW } } as OrderEvent];
    const again = (amount: number) => record({ manual_payment_id: 'mp_0000000000000003', amount });
    spec.given(bounced).when(again(4001)).thenThrows('AMOUNT_EXCEEDS_OUTSTANDING');
    spec.given(bounced).when(again(4000)).then([recorded({ manual_payment_id: 'mp_0000000000000003', amount: 4000 })]);
    spec.given([...ISSUED, manualPaymentRecorded(10000), closed]).when(again(1)).thenThrows('ORDER_CLOSED');
  });

  it('refuses a closed order with ORDER_CLOSED', () => {
    spec.given([...ORDER, { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'canceled', occurred_at: NOW } }]).when(record()).thenThrows('ORDER_CLOSED');
  });
});
