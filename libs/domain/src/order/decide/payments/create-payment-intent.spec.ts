import { deciderSpec } from '../../../testing/decider-spec.js';
import { asMoneyInput, command, CUS_1, CUS_2, malformed, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { CAPTURED, intentCreated, ORDER_100, PI_1, PI_2 } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { CreatePaymentIntent } from '../../model/payment-commands.js';
import type { PaymentIntentCreated } from '../../model/payment-events.js';

const spec = deciderSpec(orderDecider);
const create = (overrides: Record<string, unknown> = {}) =>
  command('CreatePaymentIntent', malformed<CreatePaymentIntent['data']>(asMoneyInput({ order_id: ORDER_ID, payment_intent_id: PI_1, capture_method: 'manual', ...overrides })));
const created = (overrides: Partial<PaymentIntentCreated['data']> = {}): PaymentIntentCreated => ({
  type: 'PaymentIntentCreated',
  data: { order_id: ORDER_ID, payment_intent_id: PI_1, amount: null, currency: 'USD', capture_method: 'manual', customer_id: null, occurred_at: NOW, ...overrides },
});

describe('CreatePaymentIntent', () => {
  it('creates an intent for the outstanding balance at confirm time by default', () => {
    spec.given(ORDER_100).when(create()).then([created()]);
  });

  it('creates an intent for a fixed amount up to the outstanding, with automatic capture and a customer the order then takes', () => {
    spec
      .given(ORDER_100)
      .when(create({ amount: 10000, currency: 'USD', capture_method: 'automatic', customer_id: CUS_1 }))
      .then([
        { type: 'OrderDetailsUpdated', data: { order_id: ORDER_ID, changes: { customer_id: CUS_1 }, occurred_at: NOW } },
        created({ amount: 10000, capture_method: 'automatic', customer_id: CUS_1 }),
      ]);
  });

  it("takes the order's customer when none is given", () => {
    spec.given([orderCreated({ customer_id: CUS_1 })]).when(create()).then([created({ customer_id: CUS_1 })]);
  });

  it("accepts the order's own customer named again, changing nothing on the order", () => {
    spec.given([orderCreated({ customer_id: CUS_1 })]).when(create({ customer_id: CUS_1 })).then([created({ customer_id: CUS_1 })]);
  });

  it("rejects another customer than the order's with CUSTOMER_MISMATCH", () => {
    spec.given([orderCreated({ customer_id: CUS_1 })]).when(create({ customer_id: CUS_2 })).thenThrows('CUSTOMER_MISMATCH', { kind: 'business', field: 'customer_id' });
  });

  it.each([
    ['rejects an amount of 0 with INVALID_AMOUNT', 'INVALID_AMOUNT', 'amount_money.amount', { amount: 0 }],
    ['rejects a negative amount with INVALID_AMOUNT', 'INVALID_AMOUNT', 'amount_money.amount', { amount: -5 }],
    ['rejects a fractional amount with INVALID_AMOUNT', 'INVALID_AMOUNT', 'amount_money.amount', { amount: 1.5 }],
    ['rejects an amount above the outstanding with AMOUNT_EXCEEDS_OUTSTANDING', 'AMOUNT_EXCEEDS_OUTSTANDING', 'amount_money', { amount: 10001 }],
    ['rejects an unknown capture method with INVALID_CAPTURE_METHOD', 'INVALID_CAPTURE_METHOD', 'capture_method', { capture_method: 'later' }],
    ['rejects a missing capture method with INVALID_CAPTURE_METHOD', 'INVALID_CAPTURE_METHOD', 'capture_method', { capture_method: undefined }],
    ["rejects another currency than the order's with CURRENCY_MISMATCH", 'CURRENCY_MISMATCH', 'amount_money.currency', { currency: 'EUR' }],
    ['rejects an unknown currency with UNKNOWN_CURRENCY', 'UNKNOWN_CURRENCY', 'amount_money.currency', { currency: 'XYZ' }],
    ['rejects a malformed intent id with INVALID_ID', 'INVALID_ID', 'payment_intent_id', { payment_intent_id: 'pi_1' }],
    ['rejects a malformed customer id with INVALID_ID', 'INVALID_ID', 'customer_id', { customer_id: 'bob' }],
  ])('%s', (_name, code, field, overrides) => {
    spec.given(ORDER_100).when(create(overrides)).thenThrows(code, { field });
  });

  it('rejects an id already used on the order with PAYMENT_INTENT_ALREADY_EXISTS', () => {
    spec.given([...ORDER_100, intentCreated()]).when(create()).thenThrows('PAYMENT_INTENT_ALREADY_EXISTS', { kind: 'conflict', field: 'payment_intent_id' });
  });

  it('rejects a fixed amount once the order is paid with AMOUNT_EXCEEDS_OUTSTANDING', () => {
    spec.given(CAPTURED).when(create({ payment_intent_id: PI_2, amount: 1 })).thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', { kind: 'business' });
  });
});
