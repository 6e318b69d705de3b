import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, NOW, ORDER_ID } from '../../../testing/order-fixtures.js';
import { CAPTURED, KEY_3, KEY_4, REF_1, REF_2, refundFailed, refundRequested, refundSucceeded } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { RefundOutcome } from '../../model/payment-commands.js';

const spec = deciderSpec(orderDecider);
const record = (outcome: unknown, refund_id = REF_1, attempt_key = KEY_3) => command('RecordRefundOutcome', { order_id: ORDER_ID, refund_id, attempt_key, outcome: malformed<RefundOutcome>(outcome) });
const PENDING = [...CAPTURED, refundRequested()];

describe('RecordRefundOutcome', () => {
  it('records a succeeded refund', () => {
    spec.given(PENDING).when(record({ type: 'succeeded', processor_refund_id: 're_1' })).then([refundSucceeded()]);
  });

  it('records a failed refund', () => {
    spec.given(PENDING).when(record({ type: 'failed', code: 'refund_failed' })).then([refundFailed()]);
  });

  it('still records it on a closed order', () => {
    spec.given([...PENDING, { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } }]).when(record({ type: 'succeeded', processor_refund_id: 're_1' })).then([refundSucceeded()]);
  });

  it('rejects a second outcome with PAYMENT_ATTEMPT_ALREADY_SETTLED', () => {
    spec.given([...PENDING, refundFailed()]).when(record({ type: 'succeeded', processor_refund_id: 're_1' })).thenThrows('PAYMENT_ATTEMPT_ALREADY_SETTLED');
  });

  it('rejects another attempt key with PAYMENT_ATTEMPT_NOT_FOUND', () => {
    spec.given(PENDING).when(record({ type: 'failed', code: 'x' }, REF_1, KEY_4)).thenThrows('PAYMENT_ATTEMPT_NOT_FOUND');
  });

  it('rejects an unknown refund with REFUND_NOT_FOUND', () => {
    spec.given(PENDING).when(record({ type: 'failed', code: 'x' }, REF_2)).thenThrows('REFUND_NOT_FOUND', { kind: 'not_found' });
  });

  it('rejects an unknown outcome with INVALID_REQUEST', () => {
    spec.given(PENDING).when(record({ type: 'partial' })).thenThrows('INVALID_REQUEST', { field: 'outcome.type' });
  });
});
