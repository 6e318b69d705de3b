import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, ORDER_ID } from '../../../testing/order-fixtures.js';
import { actionRequired, AUTHORIZED, KEY_1, KEY_2, PI_1, PROCESSING, processingStarted } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const act = (result: unknown, attempt_key = KEY_2) => command('StartPaymentAction', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key, result: malformed<'approve'>(result) });

describe('StartPaymentAction', () => {
  it.each(['approve', 'fail'] as const)('asks for the authorization again, same amount, after the buyer chose %s', (result) => {
    spec.given([...PROCESSING, actionRequired()]).when(act(result)).then([processingStarted(PI_1, KEY_2, 10000, false, result)]);
  });

  it('rejects it when no challenge is waiting with PAYMENT_INTENT_UNEXPECTED_STATE', () => {
    spec.given(AUTHORIZED).when(act('approve')).thenThrows('PAYMENT_INTENT_UNEXPECTED_STATE');
  });

  it('rejects an unknown result with INVALID_REQUEST', () => {
    spec.given([...PROCESSING, actionRequired()]).when(act('maybe')).thenThrows('INVALID_REQUEST', { field: 'result' });
  });

  it('rejects reusing the confirmation key with ATTEMPT_KEY_ALREADY_USED', () => {
    spec.given([...PROCESSING, actionRequired()]).when(act('approve', KEY_1)).thenThrows('ATTEMPT_KEY_ALREADY_USED');
  });
});
