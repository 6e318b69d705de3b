import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, NOW, ORDER_ID } from '../../../testing/order-fixtures.js';
import { AUTHORIZED, CARD, intentCreated, methodAttached, ORDER_100, PI_1 } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { CardSummary } from '../../model/payment-state.js';

const spec = deciderSpec(orderDecider);
const attach = (payment_method: unknown = CARD) => command('AttachPaymentMethod', { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: malformed<CardSummary>(payment_method) });

describe('AttachPaymentMethod', () => {
  it('attaches a card summary (the intent then requires confirmation)', () => {
    spec.given([...ORDER_100, intentCreated()]).when(attach()).then([{ type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: CARD, occurred_at: NOW } }]);
  });

  it('replaces the card before confirmation', () => {
    const other = { ...CARD, brand: 'mastercard', last4: '4444' };
    spec.given([...ORDER_100, intentCreated(), methodAttached()]).when(attach(other)).then([{ type: 'PaymentMethodAttached', data: { order_id: ORDER_ID, payment_intent_id: PI_1, payment_method: other, occurred_at: NOW } }]);
  });

  it('keeps only the token, brand, last4 and expiry', () => {
    const events = orderDecider.decide(attach({ ...CARD, number: '4242424242424242', cvc: '123' }), orderDecider.evolve(orderDecider.evolve(orderDecider.initialState(), ORDER_100[0]!), intentCreated()));
    expect(JSON.stringify(events)).not.toMatch(/4242424242424242|cvc/);
  });

  it.each([
    ['rejects a card number as token with INVALID_PAYMENT_METHOD', { ...CARD, token: '4242 4242 4242 4242' }, 'payment_method.token'],
    ['rejects a missing token with INVALID_PAYMENT_METHOD', { ...CARD, token: '' }, 'payment_method.token'],
    ['rejects a last4 of 3 digits with INVALID_PAYMENT_METHOD', { ...CARD, last4: '424' }, 'payment_method.last4'],
    ['rejects month 13 with INVALID_PAYMENT_METHOD', { ...CARD, exp_month: 13 }, 'payment_method.exp_month'],
    ['rejects a two-digit year with INVALID_PAYMENT_METHOD', { ...CARD, exp_year: 30 }, 'payment_method.exp_year'],
    ['rejects an unnamed brand with INVALID_PAYMENT_METHOD', { ...CARD, brand: '' }, 'payment_method.brand'],
    ['rejects a method that is not an object with INVALID_PAYMENT_METHOD', 'tok_visa', 'payment_method'],
  ])('%s', (_name, method, field) => {
    spec.given([...ORDER_100, intentCreated()]).when(attach(method)).thenThrows('INVALID_PAYMENT_METHOD', { kind: 'validation', field });
  });

  it('rejects attaching once authorized with PAYMENT_INTENT_UNEXPECTED_STATE', () => {
    spec.given(AUTHORIZED).when(attach()).thenThrows('PAYMENT_INTENT_UNEXPECTED_STATE', { kind: 'conflict' });
  });

  it('rejects an intent not on the order with PAYMENT_INTENT_NOT_FOUND', () => {
    spec.given(ORDER_100).when(attach()).thenThrows('PAYMENT_INTENT_NOT_FOUND', { kind: 'not_found', field: 'payment_intent_id' });
  });
});
