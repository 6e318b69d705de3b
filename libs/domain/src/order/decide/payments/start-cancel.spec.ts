import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, NOW, ORDER_ID } from '../../../testing/order-fixtures.js';
import { actionRequired, AUTHORIZED, CAPTURED, captured, captureStarted, intentCreated, KEY_2, methodAttached, ORDER_100, PI_1, PROCESSING, released, voidStarted } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { CancellationReason } from '../../model/payment-state.js';
import type { OrderEvent } from '../../model/order-events.js';

const spec = deciderSpec(orderDecider);
const cancel = (reason?: unknown, attempt_key: string | null = KEY_2) =>
  command('StartCancel', { order_id: ORDER_ID, payment_intent_id: PI_1, ...(attempt_key && { attempt_key }), ...(reason !== undefined && { reason: malformed<CancellationReason>(reason) }) });
const canceledNow = (cancellation_reason: CancellationReason | null = null): OrderEvent => ({ type: 'PaymentIntentCanceled', data: { order_id: ORDER_ID, payment_intent_id: PI_1, cancellation_reason, occurred_at: NOW } });

describe('StartCancel', () => {
  it.each([
    ['requires_payment_method', [...ORDER_100, intentCreated()]],
    ['requires_confirmation', [...ORDER_100, intentCreated(), methodAttached()]],
    ['requires_action', [...PROCESSING, actionRequired()]],
  ])('cancels at once in %s (nothing is held)', (_status, given) => {
    spec.given(given).when(cancel('abandoned', null)).then([canceledNow('abandoned')]);
  });

  it('starts a void of the hold when authorized and nothing is captured', () => {
    spec.given(AUTHORIZED).when(cancel()).then([voidStarted()]);
  });

  it('rejects a cancel after a capture with CANCEL_AFTER_CAPTURE', () => {
    spec.given(CAPTURED).when(cancel()).thenThrows('CANCEL_AFTER_CAPTURE', { kind: 'conflict' });
  });

  const PARTLY_CAPTURED = [...AUTHORIZED, captureStarted(PI_1, KEY_2, 100, false), captured(PI_1, KEY_2, 100, false)];

  it('releases the rest of the hold after a non-final capture (a void of what is left)', () => {
    spec.given(PARTLY_CAPTURED).when(cancel(undefined, 'key-9')).then([voidStarted(PI_1, 'key-9', 9900, 'rest_released')]);
  });

  it('releases the rest and asks to take it off what the order is owed with reduce_order', () => {
    spec.given(PARTLY_CAPTURED).when({ ...cancel(undefined, 'key-9'), data: { ...cancel(undefined, 'key-9').data, reduce_order: true } }).then([voidStarted(PI_1, 'key-9', 9900, 'rest_released', true)]);
  });

  it('rejects reduce_order on a cancel that releases a whole hold (nothing captured) with INVALID_REQUEST', () => {
    spec.given(AUTHORIZED).when({ ...cancel(), data: { ...cancel().data, reduce_order: true } }).thenThrows('INVALID_REQUEST', { field: 'reduce_order' });
  });

  it('rejects a cancel after a final partial capture (nothing is held any more) with CANCEL_AFTER_CAPTURE', () => {
    spec.given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 100, true), captured(PI_1, KEY_2, 100, true), released(PI_1, 9900)]).when(cancel(undefined, 'key-9')).thenThrows('CANCEL_AFTER_CAPTURE');
  });

  it('rejects releasing the rest of an expired authorization with AUTHORIZATION_EXPIRED', () => {
    spec.given(PARTLY_CAPTURED).when({ ...cancel(undefined, 'key-9'), now: '2025-04-01T00:00:00.000Z' }).thenThrows('AUTHORIZATION_EXPIRED');
  });

  it('rejects a cancel while processing with PAYMENT_INTENT_PROCESSING', () => {
    spec.given(PROCESSING).when(cancel()).thenThrows('PAYMENT_INTENT_PROCESSING', { kind: 'conflict' });
  });

  it('rejects a cancel while the void is in flight with PAYMENT_INTENT_PROCESSING', () => {
    spec.given([...AUTHORIZED, voidStarted()]).when(cancel(undefined, 'key-9')).thenThrows('PAYMENT_INTENT_PROCESSING');
  });

  it('rejects an unknown reason with INVALID_REQUEST', () => {
    spec.given(AUTHORIZED).when(cancel('bored')).thenThrows('INVALID_REQUEST', { field: 'reason' });
  });

  it('rejects a void without an attempt key with INVALID_REQUEST', () => {
    spec.given(AUTHORIZED).when(cancel(undefined, null)).thenThrows('INVALID_REQUEST', { field: 'attempt_key' });
  });
});
