import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, NOW, ORDER_ID } from '../../../testing/order-fixtures.js';
import {
  actionRequired,
  AUTHORIZED,
  CAPTURED,
  CARD,
  intentCreated,
  KEY_1,
  KEY_2,
  methodAttached,
  ORDER_100,
  paymentFailed,
  PI_1,
  PI_2,
  PROCESSING,
  processingStarted,
} from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { CardSummary } from '../../model/payment-state.js';
import type { OrderEvent } from '../../model/order-events.js';

const spec = deciderSpec(orderDecider);
const confirm = (payment_intent_id = PI_1, attempt_key = KEY_1, payment_method?: CardSummary) =>
  command('StartPaymentConfirmation', { order_id: ORDER_ID, payment_intent_id, attempt_key, ...(payment_method && { payment_method }) });
const started = (amount: number, capture = false, pi = PI_1, attempt_key = KEY_1): OrderEvent => ({
  type: 'PaymentProcessingStarted',
  data: { order_id: ORDER_ID, payment_intent_id: pi, attempt_key, amount, capture, action_result: null, occurred_at: NOW },
});
const READY = [...ORDER_100, intentCreated(), methodAttached()];

describe('StartPaymentConfirmation', () => {
  it('records the authorization as started for the whole outstanding balance', () => {
    spec.given(READY).when(confirm()).then([started(10000)]);
  });

  it('asks for an immediate capture when the capture method is automatic', () => {
    spec.given([...ORDER_100, intentCreated(PI_1, 'automatic', 2500), methodAttached()]).when(confirm()).then([started(2500, true)]);
  });

  it('attaches a card sent with the confirmation first', () => {
    spec
      .given([...ORDER_100, intentCreated()])
      .when(confirm(PI_1, KEY_1, CARD))
      .then([{ type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: CARD, occurred_at: NOW } }, started(10000)]);
  });

  it('takes only what other intents do not already hold', () => {
    const other = [intentCreated(PI_2, 'manual', 3000), methodAttached(PI_2), processingStarted(PI_2, KEY_2, 3000)];
    spec.given([...READY, ...other]).when(confirm()).then([started(7000)]);
  });

  it('can be confirmed again with a new key after a decline', () => {
    spec.given([...PROCESSING, paymentFailed(), methodAttached()]).when(confirm(PI_1, KEY_2)).then([started(10000, false, PI_1, KEY_2)]);
  });

  it('rejects a fixed amount above what is left to collect with AMOUNT_EXCEEDS_OUTSTANDING', () => {
    const other = [intentCreated(PI_2, 'manual', 3000), methodAttached(PI_2), processingStarted(PI_2, KEY_2, 3000)];
    spec
      .given([...ORDER_100, intentCreated(PI_1, 'manual', 8000), methodAttached(), ...other])
      .when(confirm())
      .thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', { kind: 'business' });
  });

  it('rejects confirming when other intents hold the whole balance with PAYMENT_IN_PROGRESS', () => {
    spec.given([...AUTHORIZED, intentCreated(PI_2), methodAttached(PI_2)]).when(confirm(PI_2, KEY_2)).thenThrows('PAYMENT_IN_PROGRESS', { kind: 'conflict' });
  });

  it('rejects confirming on a paid order with NOTHING_OUTSTANDING', () => {
    spec.given([...CAPTURED, intentCreated(PI_2), methodAttached(PI_2)]).when(confirm(PI_2, 'key-9')).thenThrows('NOTHING_OUTSTANDING');
  });

  it('rejects confirming without a payment method with PAYMENT_METHOD_REQUIRED', () => {
    spec.given([...ORDER_100, intentCreated()]).when(confirm()).thenThrows('PAYMENT_METHOD_REQUIRED', { kind: 'business', field: 'payment_method' });
  });

  it('rejects confirming while the first confirmation is in flight with PAYMENT_INTENT_PROCESSING (retryable)', () => {
    spec.given(PROCESSING).when(confirm(PI_1, KEY_2)).thenThrows('PAYMENT_INTENT_PROCESSING', { kind: 'conflict' });
  });

  it.each([
    ['requires_action', [...PROCESSING, actionRequired()]],
    ['requires_capture', AUTHORIZED],
  ])('rejects confirming twice (status %s) with PAYMENT_INTENT_UNEXPECTED_STATE', (status, given) => {
    expect(() => orderDecider.decide(confirm(PI_1, KEY_2), given.reduce(orderDecider.evolve, orderDecider.initialState()))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_INTENT_UNEXPECTED_STATE', kind: 'conflict', message: expect.stringContaining(status) }),
    );
  });

  it('rejects an attempt key already used on the order with ATTEMPT_KEY_ALREADY_USED', () => {
    spec.given([...PROCESSING, paymentFailed(), methodAttached()]).when(confirm(PI_1, KEY_1)).thenThrows('ATTEMPT_KEY_ALREADY_USED', { kind: 'conflict', field: 'attempt_key' });
  });

  it('rejects a missing attempt key with INVALID_REQUEST', () => {
    spec.given(READY).when(confirm(PI_1, '')).thenThrows('INVALID_REQUEST', { field: 'attempt_key' });
  });
});
