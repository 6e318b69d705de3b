import { fold } from '../../core/decider.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { command, LI_1, NOW, nthId, ORDER_ID, usd } from '../../testing/order-fixtures.js';
import {
  actionRequired,
  AUTHORIZED,
  CAPTURED,
  CARD,
  intentCreated,
  KEY_1,
  KEY_2,
  PI_1,
  PROCESSING,
  REF_1,
  refundRequested,
  refundSucceeded,
} from '../../testing/payment-fixtures.js';
import type { OrderCommand } from '../model/order-commands.js';
import { orderDecider } from '../order-decider.js';
import type { OrderEvent } from '../model/order-events.js';

const spec = deciderSpec(orderDecider);
const CLOSED: OrderEvent = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } };

/** Every payment command that starts something: refused on a missing or closed order. */
const starting = (order_id = ORDER_ID): [string, OrderCommand][] => [
  ['CreatePaymentIntent', command('CreatePaymentIntent', { order_id, payment_intent_id: nthId('pi_', 9), capture_method: 'manual' })],
  ['AttachPaymentMethod', command('AttachPaymentMethod', { order_id, payment_intent_id: PI_1, payment_method: CARD })],
  ['StartPaymentConfirmation', command('StartPaymentConfirmation', { order_id, payment_intent_id: PI_1, attempt_key: 'k' })],
  ['StartPaymentAction', command('StartPaymentAction', { order_id, payment_intent_id: PI_1, attempt_key: 'k', result: 'approve' })],
  ['StartCapture', command('StartCapture', { order_id, payment_intent_id: PI_1, attempt_key: 'k', capture_id: 'c' })],
  ['StartCancel', command('StartCancel', { order_id, payment_intent_id: PI_1, attempt_key: 'k' })],
  ['ExpireAuthorization', command('ExpireAuthorization', { order_id, payment_intent_id: PI_1, attempt_key: 'k' })],
];
const refund = (order_id = ORDER_ID): [string, OrderCommand] => ['RequestRefund', command('RequestRefund', { order_id, refund_id: nthId('ref_', 9), attempt_key: 'k' })];
const recording = (order_id = ORDER_ID): [string, OrderCommand][] => [
  ['RecordAuthorizationOutcome', command('RecordAuthorizationOutcome', { order_id, payment_intent_id: PI_1, attempt_key: KEY_1, outcome: { type: 'authorized', authorization_id: 'a' } })],
  ['RecordCaptureOutcome', command('RecordCaptureOutcome', { order_id, payment_intent_id: PI_1, attempt_key: KEY_2, outcome: { type: 'captured', charge_id: 'c' } })],
  ['RecordVoidOutcome', command('RecordVoidOutcome', { order_id, payment_intent_id: PI_1, attempt_key: KEY_2, outcome: { type: 'voided' } })],
  ['RecordRefundOutcome', command('RecordRefundOutcome', { order_id, refund_id: REF_1, attempt_key: 'k', outcome: { type: 'failed', code: 'x' } })],
];

describe('guards shared by the payment commands', () => {
  it.each([...starting(), refund(), ...recording()])('rejects %s before the order exists with ORDER_NOT_FOUND', (_type, cmd) => {
    spec.given([]).when(cmd).thenThrows('ORDER_NOT_FOUND', { kind: 'not_found' });
  });

  it.each([...starting(nthId('ord_', 2)), refund(nthId('ord_', 2)), ...recording(nthId('ord_', 2))])('rejects %s addressed to another order with ORDER_NOT_FOUND', (_type, cmd) => {
    spec.given(CAPTURED).when(cmd).thenThrows('ORDER_NOT_FOUND');
  });

  it.each(starting())('rejects %s on a closed order with ORDER_CLOSED', (_type, cmd) => {
    spec.given([...CAPTURED, CLOSED]).when(cmd).thenThrows('ORDER_CLOSED', { kind: 'conflict' });
  });

  it('accepts a refund request on a closed (completed) order', () => {
    const events = orderDecider.decide(refund()[1], fold(orderDecider, [...CAPTURED, CLOSED]));
    expect(events.map((e) => e.type)).toEqual(['RefundRequested']);
  });
});

describe('LINE_ITEMS_LOCKED from payment events', () => {
  const addLine = command('AddLineItem', { order_id: ORDER_ID, line_item: { id: nthId('li_', 9), name: 'Tea', quantity: 1, unit_price_money: usd(100) } });
  const changeLine = command('UpdateLineItem', { order_id: ORDER_ID, line_item_id: LI_1, changes: { quantity: 1 } });

  it.each([
    ['a payment is processing', PROCESSING],
    ['the buyer has a challenge to complete', [...PROCESSING, actionRequired()]],
    ['an authorization is held', AUTHORIZED],
    ['a payment was captured', CAPTURED],
    ['a refund succeeded', [...CAPTURED, refundRequested(), refundSucceeded()]],
  ])('locks the line items while %s', (_label, given) => {
    spec.given(given).when(addLine).thenThrows('LINE_ITEMS_LOCKED', { kind: 'conflict' });
    spec.given(given).when(changeLine).thenThrows('LINE_ITEMS_LOCKED');
  });

  it('leaves them editable while an intent only waits for a card', () => {
    expect(orderDecider.decide(addLine, fold(orderDecider, [...PROCESSING.slice(0, 3), intentCreated()]))).toHaveLength(1);
  });
});
