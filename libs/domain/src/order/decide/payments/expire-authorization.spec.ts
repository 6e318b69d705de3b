import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, ORDER_ID } from '../../../testing/order-fixtures.js';
import { AUTHORIZED, CAPTURED, EXPIRES_AT, KEY_2, PI_1 } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const expire = (now: string, attempt_key = KEY_2) => command('ExpireAuthorization', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key }, now);
const JUST_BEFORE = '2025-03-08T10:04:59.999Z';

describe('ExpireAuthorization', () => {
  it('starts voiding an authorization 7 days old', () => {
    spec
      .given(AUTHORIZED)
      .when(expire(EXPIRES_AT))
      .then([
        {
          type: 'PaymentVoidStarted',
          data: { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_2, amount: 10000, reason: 'expired', cancellation_reason: null, occurred_at: EXPIRES_AT },
        },
      ]);
  });

  it('rejects it a millisecond before with AUTHORIZATION_NOT_EXPIRED', () => {
    spec.given(AUTHORIZED).when(expire(JUST_BEFORE)).thenThrows('AUTHORIZATION_NOT_EXPIRED', { kind: 'conflict' });
  });

  it('rejects it once captured with PAYMENT_INTENT_UNEXPECTED_STATE', () => {
    spec.given(CAPTURED).when(expire(EXPIRES_AT, 'key-9')).thenThrows('PAYMENT_INTENT_UNEXPECTED_STATE');
  });
});
