import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, NOW, ORDER_ID } from '../../../testing/order-fixtures.js';
import { AUTHORIZED, captured, captureStarted, expired, KEY_2, KEY_3, KEY_4, orderReduced, PI_1, released, voidFailed, voidStarted } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { VoidOutcome } from '../../model/payment-commands.js';

const spec = deciderSpec(orderDecider);
const record = (outcome: unknown, attempt_key = KEY_2) => command('RecordVoidOutcome', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key, outcome: malformed<VoidOutcome>(outcome) });

describe('RecordVoidOutcome', () => {
  it('releases the hold and cancels the intent after a cancel', () => {
    spec
      .given([...AUTHORIZED, voidStarted()])
      .when(record({ type: 'voided' }))
      .then([released(PI_1, 10000, 'canceled'), { type: 'PaymentIntentCanceled', data: { order_id: ORDER_ID, payment_intent_id: PI_1, cancellation_reason: null, occurred_at: NOW } }]);
  });

  it('releases the hold and expires the authorization after an expiry', () => {
    spec.given([...AUTHORIZED, voidStarted(PI_1, KEY_2, 10000, 'expired')]).when(record({ type: 'voided' })).then([released(PI_1, 10000, 'expired'), expired()]);
  });

  it('releases only what is left after a partial capture', () => {
    const partly = [...AUTHORIZED, captureStarted(PI_1, KEY_3, 2500, false), captured(PI_1, KEY_3, 2500, false), voidStarted(PI_1, KEY_4, 7500, 'expired')];
    spec.given(partly).when(record({ type: 'voided' }, KEY_4)).then([released(PI_1, 7500, 'expired'), expired()]);
  });

  const PARTLY = [...AUTHORIZED, captureStarted(PI_1, KEY_3, 2500, false), captured(PI_1, KEY_3, 2500, false)];

  it('releases the rest of a partly captured hold on request: the intent is done with what it captured, the rest stays owed', () => {
    const given = [...PARTLY, voidStarted(PI_1, KEY_4, 7500, 'rest_released')];
    spec.given(given).when(record({ type: 'voided' }, KEY_4)).then([released(PI_1, 7500, 'rest_released')]);
    const after = [...given, released(PI_1, 7500, 'rest_released')].reduce(orderDecider.evolve, orderDecider.initialState());
    if (after.status === 'none') throw new Error('no order');
    expect(after.payment_intents[0]).toMatchObject({ status: 'succeeded', captured: 2500, released: 7500, capturable: 0, pending: null });
    expect(after.reduced).toBe(0);
  });

  it('with reduce_order, the released rest is also taken off what the order is owed', () => {
    spec.given([...PARTLY, voidStarted(PI_1, KEY_4, 7500, 'rest_released', true)]).when(record({ type: 'voided' }, KEY_4)).then([released(PI_1, 7500, 'rest_released'), orderReduced(7500)]);
  });

  it('records a failed void (the authorization stays)', () => {
    spec.given([...AUTHORIZED, voidStarted()]).when(record({ type: 'failed', code: 'processing_error', message: 'Try again' })).then([voidFailed()]);
  });

  it('rejects a second outcome for the void with PAYMENT_ATTEMPT_ALREADY_SETTLED', () => {
    spec.given([...AUTHORIZED, voidStarted(), voidFailed()]).when(record({ type: 'voided' })).thenThrows('PAYMENT_ATTEMPT_ALREADY_SETTLED');
  });

  it('rejects an unknown outcome type with INVALID_REQUEST', () => {
    spec.given([...AUTHORIZED, voidStarted()]).when(record({ type: 'gone' })).thenThrows('INVALID_REQUEST', { field: 'outcome.type' });
  });
});
