import { deciderSpec } from '../../../testing/decider-spec.js';
import { asMoneyInput, command, malformed, ORDER_ID } from '../../../testing/order-fixtures.js';
import { AUTHORIZED, CAP_1, CAP_2, captured, captureStarted, canceled, EXPIRES_AT, expired, KEY_2, KEY_3, PI_1, PROCESSING, released, voidStarted } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const capture = (overrides: { amount?: number; final?: boolean; attempt_key?: string; capture_id?: string; reduce_order?: boolean } = {}, now?: string) =>
  command('StartCapture', asMoneyInput({ order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_2, capture_id: CAP_1, ...overrides }) as never, now);
const PARTLY_CAPTURED = [...AUTHORIZED, captureStarted(PI_1, KEY_2, 3000, false), captured(PI_1, KEY_2, 3000, false)];

describe('StartCapture', () => {
  it('captures everything capturable by default, as the final capture', () => {
    spec.given(AUTHORIZED).when(capture()).then([captureStarted()]);
  });

  it('captures part of the authorization without ending it', () => {
    spec.given(AUTHORIZED).when(capture({ amount: 3000, final: false })).then([captureStarted(PI_1, KEY_2, 3000, false)]);
  });

  it('a final partial capture may ask to take the released rest off what the order is owed (reduce_order)', () => {
    spec.given(AUTHORIZED).when(capture({ amount: 4000, reduce_order: true })).then([captureStarted(PI_1, KEY_2, 4000, true, CAP_1, true)]);
  });

  it('rejects reduce_order on a non-final capture (nothing is released) with INVALID_REQUEST', () => {
    spec.given(AUTHORIZED).when(capture({ amount: 4000, final: false, reduce_order: true })).thenThrows('INVALID_REQUEST', { field: 'reduce_order' });
  });

  it('rejects a reduce_order that is not a boolean with INVALID_REQUEST', () => {
    spec.given(AUTHORIZED).when(capture({ amount: 4000, reduce_order: malformed<boolean>('yes') })).thenThrows('INVALID_REQUEST', { field: 'reduce_order' });
  });

  it('captures again after a partial capture, up to what is left', () => {
    spec.given(PARTLY_CAPTURED).when(capture({ attempt_key: KEY_3, capture_id: CAP_2 })).then([captureStarted(PI_1, KEY_3, 7000, true, CAP_2)]);
  });

  it('rejects a capture above the capturable amount with CAPTURE_EXCEEDS_CAPTURABLE', () => {
    spec.given(PARTLY_CAPTURED).when(capture({ amount: 7001, attempt_key: KEY_3, capture_id: CAP_2 })).thenThrows('CAPTURE_EXCEEDS_CAPTURABLE', { kind: 'business', field: 'amount_money' });
  });

  it("rejects another currency than the order's with CURRENCY_MISMATCH", () => {
    spec.given(AUTHORIZED).when(capture(asMoneyInput({ amount: 100, currency: 'EUR' }))).thenThrows('CURRENCY_MISMATCH', { field: 'amount_money.currency' });
  });

  it.each([0, -1, 2.5])('rejects an amount of %s with INVALID_AMOUNT', (amount) => {
    spec.given(AUTHORIZED).when(capture({ amount })).thenThrows('INVALID_AMOUNT', { field: 'amount_money.amount' });
  });

  it('rejects a capture after cancel with PAYMENT_INTENT_CANCELED', () => {
    spec.given([...AUTHORIZED, voidStarted(), released(PI_1, 10000, 'canceled'), canceled()]).when(capture({ attempt_key: KEY_3 })).thenThrows('PAYMENT_INTENT_CANCELED', { kind: 'conflict' });
  });

  it('rejects a capture after expiry with AUTHORIZATION_EXPIRED', () => {
    spec.given([...AUTHORIZED, voidStarted(PI_1, KEY_2, 10000, 'expired'), released(PI_1, 10000, 'expired'), expired()]).when(capture({ attempt_key: KEY_3 })).thenThrows('AUTHORIZATION_EXPIRED');
  });

  it('rejects a capture once the 7 days are over, before the scheduler expired it, with AUTHORIZATION_EXPIRED', () => {
    spec.given(AUTHORIZED).when(capture({}, EXPIRES_AT)).thenThrows('AUTHORIZATION_EXPIRED', { kind: 'conflict' });
  });

  it('rejects a capture while the authorization is in flight with PAYMENT_INTENT_PROCESSING (retryable)', () => {
    spec.given(PROCESSING).when(capture()).thenThrows('PAYMENT_INTENT_PROCESSING', { kind: 'conflict' });
  });

  it('rejects a capture while another capture is in flight with PAYMENT_INTENT_PROCESSING (retryable)', () => {
    spec.given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 3000, false)]).when(capture({ attempt_key: KEY_3, capture_id: CAP_2 })).thenThrows('PAYMENT_INTENT_PROCESSING');
  });

  it('rejects a capture id already recorded with INVALID_REQUEST', () => {
    spec.given(PARTLY_CAPTURED).when(capture({ attempt_key: KEY_3, capture_id: CAP_1 })).thenThrows('INVALID_REQUEST', { field: 'capture_id' });
  });
});
