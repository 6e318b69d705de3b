import { customerCommand, customerCreated, defaultSet, EXPIRED_CARD, methodRemoved, methodSaved, PM_1, PM_2, SAVED_CARD } from '../../testing/customer-fixtures.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { CUS_1, NOW, nthId } from '../../testing/order-fixtures.js';
import { customerDecider } from '../customer-decider.js';
import { MAX_PAYMENT_METHODS } from './save-payment-method.js';

const spec = deciderSpec(customerDecider);
const save = (data: Partial<{ payment_method_id: string; payment_method: unknown; usage: unknown; set_default: boolean }> = {}, now = NOW) =>
  customerCommand('SavePaymentMethod', { customer_id: CUS_1, payment_method_id: PM_1, payment_method: SAVED_CARD, usage: 'off_session', ...data }, now);

describe('SavePaymentMethod', () => {
  it('saves the first method as the default', () => {
    spec
      .given([customerCreated()])
      .when(save())
      .then([
        { type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: PM_1, card: SAVED_CARD, usage: 'off_session', occurred_at: NOW } },
        { type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: PM_1, occurred_at: NOW } },
      ]);
  });

  it('keeps the default when another method is saved, unless set_default', () => {
    spec
      .given([customerCreated(), methodSaved(), defaultSet()])
      .when(save({ payment_method_id: PM_2, usage: 'on_session' }))
      .then([{ type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: PM_2, card: SAVED_CARD, usage: 'on_session', occurred_at: NOW } }]);
    spec
      .given([customerCreated(), methodSaved(), defaultSet()])
      .when(save({ payment_method_id: PM_2, set_default: true }))
      .then([
        { type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: PM_2, card: SAVED_CARD, usage: 'off_session', occurred_at: NOW } },
        { type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: PM_2, occurred_at: NOW } },
      ]);
  });

  it('records nothing for a repeated save of the same card under the same id; another card under it is refused', () => {
    spec.given([customerCreated(), methodSaved(), defaultSet()]).when(save()).thenNothingHappens();
    spec.given([customerCreated(), methodSaved(), defaultSet()]).when(save({ payment_method: EXPIRED_CARD })).thenThrows('PAYMENT_METHOD_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it('refuses an expired card, counting the whole expiry month as good', () => {
    spec.given([customerCreated()]).when(save({ payment_method: EXPIRED_CARD })).thenThrows('PAYMENT_METHOD_EXPIRED', { kind: 'business' });
    const lastDay = { ...SAVED_CARD, exp_month: 3, exp_year: 2025 };
    spec.given([customerCreated()]).when(save({ payment_method: lastDay }, '2025-03-31T23:59:59.999Z')).then([
      { type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: PM_1, card: lastDay, usage: 'off_session', occurred_at: '2025-03-31T23:59:59.999Z' } },
      { type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: PM_1, occurred_at: '2025-03-31T23:59:59.999Z' } },
    ]);
    spec.given([customerCreated()]).when(save({ payment_method: lastDay }, '2025-04-01T00:00:00.000Z')).thenThrows('PAYMENT_METHOD_EXPIRED');
  });

  it('refuses an unknown usage, a malformed card and a malformed id', () => {
    spec.given([customerCreated()]).when(save({ usage: 'sometimes' })).thenThrows('INVALID_USAGE', { field: 'usage' });
    spec.given([customerCreated()]).when(save({ payment_method: { ...SAVED_CARD, token: '4242424242424242' } })).thenThrows('INVALID_PAYMENT_METHOD');
    spec.given([customerCreated()]).when(save({ payment_method_id: 'card_1' })).thenThrows('INVALID_ID', { field: 'payment_method_id' });
  });

  it(`refuses a method beyond ${MAX_PAYMENT_METHODS} active ones`, () => {
    const saved = Array.from({ length: MAX_PAYMENT_METHODS }, (_, i) => methodSaved(nthId('pm_', i + 10)));
    spec.given([customerCreated(), ...saved]).when(save()).thenThrows('TOO_MANY_PAYMENT_METHODS', { kind: 'business' });
    spec.given([customerCreated(), ...saved, methodRemoved(nthId('pm_', 10), false)]).when(save({ set_default: false })).then([
      { type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: PM_1, card: SAVED_CARD, usage: 'off_session', occurred_at: NOW } },
      { type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: PM_1, occurred_at: NOW } },
    ]);
  });

  it('refuses an unknown customer', () => {
    spec.given([]).when(save()).thenThrows('CUSTOMER_NOT_FOUND');
  });
});

describe('SetDefaultPaymentMethod', () => {
  const setDefault = (id = PM_2, now = NOW) => customerCommand('SetDefaultPaymentMethod', { customer_id: CUS_1, payment_method_id: id }, now);

  it('makes a saved method the default; the default already records nothing', () => {
    spec.given([customerCreated(), methodSaved(), defaultSet(), methodSaved(PM_2)]).when(setDefault()).then([
      { type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: PM_2, occurred_at: NOW } },
    ]);
    spec.given([customerCreated(), methodSaved(), defaultSet()]).when(setDefault(PM_1)).thenNothingHappens();
  });

  it('refuses an unknown, a removed or an expired method', () => {
    spec.given([customerCreated(), methodSaved()]).when(setDefault()).thenThrows('PAYMENT_METHOD_NOT_FOUND', { kind: 'not_found' });
    spec.given([customerCreated(), methodSaved(), methodSaved(PM_2), methodRemoved(PM_2, false)]).when(setDefault()).thenThrows('PAYMENT_METHOD_REMOVED', { kind: 'business' });
    spec.given([customerCreated(), methodSaved(PM_2, { ...SAVED_CARD, exp_month: 3, exp_year: 2025 })]).when(setDefault(PM_2, '2025-04-02T00:00:00.000Z')).thenThrows('PAYMENT_METHOD_EXPIRED');
  });
});

describe('RemovePaymentMethod', () => {
  const remove = (id = PM_1) => customerCommand('RemovePaymentMethod', { customer_id: CUS_1, payment_method_id: id });

  it('removes a method and says whether it was the default (the customer then has none)', () => {
    spec.given([customerCreated(), methodSaved(), defaultSet()]).when(remove()).then([
      { type: 'PaymentMethodRemoved', data: { customer_id: CUS_1, payment_method_id: PM_1, was_default: true, occurred_at: NOW } },
    ]);
    spec.given([customerCreated(), methodSaved(), defaultSet(), methodSaved(PM_2)]).when(remove(PM_2)).then([
      { type: 'PaymentMethodRemoved', data: { customer_id: CUS_1, payment_method_id: PM_2, was_default: false, occurred_at: NOW } },
    ]);
  });

  it('records nothing for a method already removed, and refuses an unknown one', () => {
    spec.given([customerCreated(), methodSaved(), defaultSet(), methodRemoved()]).when(remove()).thenNothingHappens();
    spec.given([customerCreated()]).when(remove()).thenThrows('PAYMENT_METHOD_NOT_FOUND');
  });
});
