import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, ORDER_ID } from '../../../testing/order-fixtures.js';
import { AUTHORIZED, CAP_1, CAPTURED, captured, captureFailed, captureStarted, KEY_1, KEY_2, KEY_3, orderReduced, PI_1, released } from '../../../testing/payment-fixtures.js';
import { manualPaymentRecorded, MP_1 } from '../../../testing/collection-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { CaptureOutcome } from '../../model/payment-commands.js';

const spec = deciderSpec(orderDecider);
const record = (outcome: unknown, attempt_key = KEY_2) =>
  command('RecordCaptureOutcome', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key, outcome: malformed<CaptureOutcome>(outcome) });
const ok = { type: 'captured', charge_id: 'ch_1' };

describe('RecordCaptureOutcome', () => {
  it('records a full capture', () => {
    spec.given([...AUTHORIZED, captureStarted()]).when(record(ok)).then([captured()]);
  });

  it('releases the rest after a final partial capture', () => {
    spec.given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, true)]).when(record(ok)).then([captured(PI_1, KEY_2, 6000, true), released(PI_1, 4000, 'final_capture')]);
  });

  it('takes the released rest off what the order is owed when the final capture asked to reduce the order', () => {
    spec
      .given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, true, CAP_1, true)])
      .when(record(ok))
      .then([captured(PI_1, KEY_2, 6000, true), released(PI_1, 4000, 'final_capture'), orderReduced(4000)]);
  });

  it('never reduces the order by more than it still owes (money came in another way meanwhile)', () => {
    // 100.00 owed, 60.00 captured now, 30.00 received in cash meanwhile: only 10.00 is left to take off.
    spec
      .given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, true, CAP_1, true), manualPaymentRecorded(3000, MP_1, null, 'cash')])
      .when(record(ok))
      .then([captured(PI_1, KEY_2, 6000, true), released(PI_1, 4000, 'final_capture'), orderReduced(1000)]);
  });

  it('keeps the rest capturable after a non-final partial capture', () => {
    spec.given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, false)]).when(record(ok)).then([captured(PI_1, KEY_2, 6000, false)]);
  });

  it('records a failed capture (the authorization stays capturable)', () => {
    spec.given([...AUTHORIZED, captureStarted()]).when(record({ type: 'failed', code: 'processing_error', message: 'Try again' })).then([captureFailed()]);
  });

  it('rejects a second outcome for the capture with PAYMENT_ATTEMPT_ALREADY_SETTLED', () => {
    spec.given(CAPTURED).when(record(ok)).thenThrows('PAYMENT_ATTEMPT_ALREADY_SETTLED');
  });

  it('rejects the key of the authorization attempt with PAYMENT_ATTEMPT_NOT_FOUND', () => {
    spec.given([...AUTHORIZED, captureStarted()]).when(record(ok, KEY_1)).thenThrows('PAYMENT_ATTEMPT_ALREADY_SETTLED');
    spec.given([...AUTHORIZED, captureStarted()]).when(record(ok, KEY_3)).thenThrows('PAYMENT_ATTEMPT_NOT_FOUND');
  });

  it('rejects an outcome without a charge id with INVALID_REQUEST', () => {
    spec.given([...AUTHORIZED, captureStarted()]).when(record({ type: 'captured' })).thenThrows('INVALID_REQUEST', { field: 'outcome.charge_id' });
  });
});
