import { fold } from '../../../core/decider.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { CARD, KEY_1, ORDER_100, PI_1, processingStarted } from '../../../testing/payment-fixtures.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { orderDecider } from '../../order-decider.js';
import { outstandingOf } from '../../rules/payment-guards.js';

const spec = deciderSpec(orderDecider);
const SAVED = { ...CARD, payment_method_id: 'pm_0000000000000001' };
const WITH_CUSTOMER: OrderEvent[] = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)];
const offSessionCreated: OrderEvent = {
  type: 'PaymentIntentCreated',
  data: { order_id: ORDER_ID, payment_intent_id: PI_1, amount: null, currency: 'USD', capture_method: 'automatic', customer_id: CUS_1, off_session: true, occurred_at: NOW },
};
const attachedSaved: OrderEvent = { type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: SAVED, occurred_at: NOW } };

describe('off-session payments (a saved method charged without the buyer)', () => {
  it('records off_session on the intent; it needs a customer, given or the order’s', () => {
    spec
      .given(WITH_CUSTOMER)
      .when(command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'automatic', off_session: true }))
      .then([offSessionCreated]);
    spec
      .given(ORDER_100)
      .when(command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'automatic', off_session: true }))
      .thenThrows('CUSTOMER_REQUIRED', { kind: 'business', field: 'customer_id' });
    spec
      .given(WITH_CUSTOMER)
      .when(command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'automatic', off_session: 'yes' as never }))
      .thenThrows('INVALID_REQUEST', { field: 'off_session' });
  });

  it('keeps which saved method the card came from', () => {
    spec
      .given([...WITH_CUSTOMER, offSessionCreated])
      .when(command('StartPaymentConfirmation', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_1, payment_method: SAVED }))
      .then([attachedSaved, processingStarted(PI_1, KEY_1, 10000, true)]);
    spec
      .given([...WITH_CUSTOMER, offSessionCreated])
      .when(command('StartPaymentConfirmation', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_1, payment_method: { ...CARD, payment_method_id: 'card_1' } }))
      .thenThrows('INVALID_PAYMENT_METHOD', { field: 'payment_method.payment_method_id' });
  });

  it('a challenge asked for off-session fails the attempt with authentication_required: the balance stays collectible', () => {
    const processing = [...WITH_CUSTOMER, offSessionCreated, attachedSaved, processingStarted(PI_1, KEY_1, 10000, true)];
    const record = command('RecordAuthorizationOutcome', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_1, outcome: { type: 'requires_action', action_id: 'act_1' } });
    const events = orderDecider.decide(record, fold(orderDecider, processing));
    expect(events).toEqual([
      { type: 'PaymentFailed', data: { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_1, failure_type: 'declined', code: 'authentication_required', message: expect.any(String), occurred_at: NOW } },
    ]);
    const after = fold(orderDecider, [...processing, ...events]) as ExistingOrder;
    expect(after.payment_intents[0]).toMatchObject({ status: 'requires_payment_method', off_session: true, last_error: { code: 'authentication_required' } });
    expect(outstandingOf(after)).toBe(10000);
  });
});
