import { deciderSpec } from '../../../testing/decider-spec.js';
import { asMoneyInput, command, LI_1, LI_2, LI_3, lineItemAdded, malformed, NOW, ORDER_ID, orderCreated, TAX_1, taxApplied, usd } from '../../../testing/order-fixtures.js';
import {
  authorized,
  AUTHORIZED,
  CAPTURED,
  captured,
  captureStarted,
  intentCreated,
  KEY_1,
  KEY_3,
  KEY_4,
  methodAttached,
  PI_1,
  PI_2,
  processingStarted,
  REF_1,
  REF_2,
  refundFailed,
  refundRequested,
  refundSucceeded,
} from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { RequestRefund } from '../../model/payment-commands.js';

const spec = deciderSpec(orderDecider);
const refund = (overrides: Record<string, unknown> = {}) =>
  command('RequestRefund', malformed<RequestRefund['data']>(asMoneyInput({ order_id: ORDER_ID, refund_id: REF_1, attempt_key: KEY_3, ...overrides })));
const requested = (amount: number, line_items: { line_item_id: string; quantity: number; amount: number }[] = [], { payment_intent_id = PI_1, ...overrides }: Record<string, unknown> = {}): OrderEvent =>
  ({
    type: 'RefundRequested',
    data: { order_id: ORDER_ID, refund_id: REF_1, amount, reason: null, line_items, parts: [{ payment_intent_id, attempt_key: KEY_3, amount }], occurred_at: NOW, ...overrides },
  }) as OrderEvent;
/** A refund spread over payments: [payment, amount] per part, keys KEY_3, KEY_3-2, … */
const spreadOver = (shares: [string, number][], line_items: { line_item_id: string; quantity: number; amount: number }[] = []): OrderEvent =>
  ({
    type: 'RefundRequested',
    data: {
      order_id: ORDER_ID,
      refund_id: REF_1,
      amount: shares.reduce((s, [, a]) => s + a, 0),
      reason: null,
      line_items,
      parts: shares.map(([payment_intent_id, amount], i) => ({ payment_intent_id, attempt_key: i === 0 ? KEY_3 : `${KEY_3}-${i + 1}`, amount })),
      occurred_at: NOW,
    },
  }) as OrderEvent;

/** Two payments on a 100.00 order: PI_1 captured 60.00, PI_2 captured 40.00. */
const TWO_PAYMENTS: OrderEvent[] = [
  orderCreated(),
  lineItemAdded(LI_1, { quantity: 4, unit_price_money: usd(2000) }),
  lineItemAdded(LI_2, { unit_price_money: usd(2000) }),
  intentCreated(PI_1, 'manual', 6000),
  methodAttached(PI_1),
  processingStarted(PI_1, 'a1', 6000),
  authorized(PI_1, 'a1', 6000),
  captureStarted(PI_1, 'c1', 6000),
  captured(PI_1, 'c1', 6000, true, 'cap_a'),
  intentCreated(PI_2, 'manual', 4000),
  methodAttached(PI_2),
  processingStarted(PI_2, 'a2', 4000),
  authorized(PI_2, 'a2', 4000),
  captureStarted(PI_2, 'c2', 4000),
  captured(PI_2, 'c2', 4000, true, 'cap_b'),
];

/** 3 × 3.33 with 10 % additive tax (line total 10.99 = 999 + 100), paid in full. */
const TAXED: OrderEvent[] = [
  orderCreated(),
  lineItemAdded(LI_1, { quantity: 3, unit_price_money: usd(333) }),
  taxApplied(TAX_1, '10'),
  intentCreated(PI_1, 'automatic'),
  methodAttached(),
  processingStarted(PI_1, KEY_1, 1099, true),
  authorized(PI_1, KEY_1, 1099),
  captured(PI_1, KEY_1, 1099, true),
];

describe('RequestRefund', () => {
  it('refunds an amount of one payment (pending, reserved)', () => {
    spec.given(CAPTURED).when(refund({ payment_intent_id: PI_1, amount: 2500, reason: 'requested_by_customer' })).then([requested(2500, [], { reason: 'requested_by_customer' })]);
  });

  it('refunds everything refundable of a payment when no amount is given', () => {
    spec.given([...CAPTURED, refundRequested(1000, REF_2, KEY_4), refundSucceeded(1000, REF_2, KEY_4)]).when(refund({ payment_intent_id: PI_1 })).then([requested(9000)]);
  });

  it('refunds the whole order from its one payment', () => {
    spec.given(CAPTURED).when(refund()).then([requested(10000)]);
  });

  it('refunds against the order from the payment with the most left', () => {
    spec.given(TWO_PAYMENTS).when(refund({ amount: 4500 })).then([requested(4500)]);
    spec.given([...TWO_PAYMENTS, refundRequested(3000, REF_2, KEY_4)]).when(refund({ amount: 2000 })).then([requested(2000, [], { payment_intent_id: PI_2 })]);
  });

  it('breaks a tie between payments in favour of the earliest', () => {
    spec.given([...TWO_PAYMENTS, refundRequested(2000, REF_2, KEY_4)]).when(refund({ amount: 100 })).then([requested(100)]);
  });

  it('prices line items from the line total, rounded half up', () => {
    // 1 of 3 units of a 10.99 line: 1099 / 3 = 366.33 → 366.
    spec.given(TAXED).when(refund({ line_items: [{ line_item_id: LI_1, quantity: 1 }] })).then([requested(366, [{ line_item_id: LI_1, quantity: 1, amount: 366 }])]);
  });

  it('gives the last units exactly what is left of the line, so the parts sum to its total', () => {
    const first = refundRequested(366, REF_2, KEY_4, PI_1, [{ line_item_id: LI_1, quantity: 1, amount: 366 }]);
    spec
      .given([...TAXED, first, refundSucceeded(366, REF_2, KEY_4)])
      .when(refund({ line_items: [{ line_item_id: LI_1, quantity: 2 }] }))
      .then([requested(733, [{ line_item_id: LI_1, quantity: 2, amount: 733 }])]);
  });

  it('counts pending line refunds as taken, and failed ones as free again', () => {
    const all = refundRequested(1099, REF_2, KEY_4, PI_1, [{ line_item_id: LI_1, quantity: 3, amount: 1099 }]);
    spec.given([...TAXED, all]).when(refund({ line_items: [{ line_item_id: LI_1, quantity: 1 }] })).thenThrows('REFUND_QUANTITY_EXCEEDS_REMAINING', { field: 'line_items[0].quantity' });
    spec.given([...TAXED, all, refundFailed(1099, REF_2, KEY_4)]).when(refund({ line_items: [{ line_item_id: LI_1, quantity: 1 }] })).then([requested(366, [{ line_item_id: LI_1, quantity: 1, amount: 366 }])]);
  });

  it('rejects a refund above the refundable amount with REFUND_EXCEEDS_REFUNDABLE', () => {
    spec.given([...CAPTURED, refundRequested(9500, REF_2, KEY_4)]).when(refund({ payment_intent_id: PI_1, amount: 501 })).thenThrows('REFUND_EXCEEDS_REFUNDABLE', { kind: 'business', field: 'amount_money' });
  });

  it('spreads an order refund no single payment can cover over the payments, most left first', () => {
    spec.given(TWO_PAYMENTS).when(refund({ amount: 7000 })).then([spreadOver([[PI_1, 6000], [PI_2, 1000]])]);
  });

  it('refunds everything on an order paid by two payments when only the order is named', () => {
    spec.given(TWO_PAYMENTS).when(refund()).then([spreadOver([[PI_1, 6000], [PI_2, 4000]])]);
  });

  it('spreads a line-item refund worth more than either payment, and books the lines on the one refund', () => {
    // 4 × 20.00 of LI_1 = 80.00: 60.00 from PI_1, 20.00 from PI_2.
    const lines = [{ line_item_id: LI_1, quantity: 4, amount: 8000 }];
    spec.given(TWO_PAYMENTS).when(refund({ line_items: [{ line_item_id: LI_1, quantity: 4 }] })).then([spreadOver([[PI_1, 6000], [PI_2, 2000]], lines)]);
  });

  it('rejects an order refund above what all payments together can refund with REFUND_EXCEEDS_REFUNDABLE', () => {
    spec.given([...TWO_PAYMENTS, refundRequested(3000, REF_2, KEY_4)]).when(refund({ amount: 7001 })).thenThrows('REFUND_EXCEEDS_REFUNDABLE', { field: 'amount_money' });
  });

  it('rejects a spread whose derived attempt key was already used with ATTEMPT_KEY_ALREADY_USED', () => {
    spec.given([...TWO_PAYMENTS, refundRequested(1, REF_2, `${KEY_3}-2`, PI_2)]).when(refund({ amount: 7000 })).thenThrows('ATTEMPT_KEY_ALREADY_USED');
  });

  it('rejects a whole refund once everything went back with REFUND_EXCEEDS_REFUNDABLE', () => {
    spec.given([...CAPTURED, refundRequested(10000, REF_2, KEY_4), refundSucceeded(10000, REF_2, KEY_4)]).when(refund()).thenThrows('REFUND_EXCEEDS_REFUNDABLE');
  });

  it('rejects a refund of an authorized-only payment with PAYMENT_NOT_CAPTURED', () => {
    spec.given(AUTHORIZED).when(refund({ payment_intent_id: PI_1, amount: 100 })).thenThrows('PAYMENT_NOT_CAPTURED', { kind: 'business' });
    spec.given(AUTHORIZED).when(refund()).thenThrows('PAYMENT_NOT_CAPTURED');
  });

  it('rejects an unknown line with LINE_ITEM_NOT_FOUND', () => {
    spec.given(CAPTURED).when(refund({ line_items: [{ line_item_id: LI_3, quantity: 1 }] })).thenThrows('LINE_ITEM_NOT_FOUND', { field: 'line_items[0].line_item_id' });
  });

  it('rejects more units than the line has left with REFUND_QUANTITY_EXCEEDS_REMAINING', () => {
    spec.given(CAPTURED).when(refund({ line_items: [{ line_item_id: LI_2, quantity: 2 }] })).thenThrows('REFUND_QUANTITY_EXCEEDS_REMAINING', { kind: 'business' });
  });

  it('rejects an unknown payment with PAYMENT_INTENT_NOT_FOUND', () => {
    spec.given(CAPTURED).when(refund({ payment_intent_id: PI_2 })).thenThrows('PAYMENT_INTENT_NOT_FOUND');
  });

  it('rejects a refund id already used with REFUND_ALREADY_EXISTS', () => {
    spec.given([...CAPTURED, refundRequested(100)]).when(refund({ attempt_key: KEY_4 })).thenThrows('REFUND_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it.each([
    ['an amount of 0 with INVALID_AMOUNT', 'INVALID_AMOUNT', 'amount_money.amount', { amount: 0 }],
    ['a fractional amount with INVALID_AMOUNT', 'INVALID_AMOUNT', 'amount_money.amount', { amount: 0.5 }],
    ["another currency than the order's with CURRENCY_MISMATCH", 'CURRENCY_MISMATCH', 'amount_money.currency', { amount: 100, currency: 'EUR' }],
    ['both an amount and line items with INVALID_REQUEST', 'INVALID_REQUEST', 'amount_money', { amount: 100, line_items: [{ line_item_id: LI_1, quantity: 1 }] }],
    ['an empty line item list with INVALID_REQUEST', 'INVALID_REQUEST', 'line_items', { line_items: [] }],
    ['a line listed twice with INVALID_REQUEST', 'INVALID_REQUEST', 'line_items[1].line_item_id', { line_items: [{ line_item_id: LI_1, quantity: 1 }, { line_item_id: LI_1, quantity: 1 }] }],
    ['a quantity of 0 with INVALID_QUANTITY', 'INVALID_QUANTITY', 'line_items[0].quantity', { line_items: [{ line_item_id: LI_1, quantity: 0 }] }],
    ['an unknown reason with INVALID_REQUEST', 'INVALID_REQUEST', 'reason', { reason: 'because' }],
    ['a malformed refund id with INVALID_ID', 'INVALID_ID', 'refund_id', { refund_id: 're_1' }],
    ['an attempt key already used with ATTEMPT_KEY_ALREADY_USED', 'ATTEMPT_KEY_ALREADY_USED', 'attempt_key', { attempt_key: KEY_1 }],
  ])('rejects %s', (_name, code, field, overrides) => {
    spec.given(CAPTURED).when(refund(overrides)).thenThrows(code, { field });
  });
});
