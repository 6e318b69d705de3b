import { fold } from '../../core/decider.js';
import { customerCreated, defaultSet, methodRemoved, methodSaved, PM_1, PM_2, SAVED_CARD } from '../../testing/customer-fixtures.js';
import { CUS_1, NOW } from '../../testing/order-fixtures.js';
import type { DomainError } from '../../core/domain-error.js';
import { customerDecider, type CustomerEvent } from '../customer-decider.js';
import { chargeableMethod, type ChargeRequest } from './chargeable-method.js';

const refusal = (events: CustomerEvent[], request: Partial<ChargeRequest> = {}) => {
  try {
    chargeableMethod(fold(customerDecider, events), { customer_id: CUS_1, off_session: true, now: NOW, ...request });
  } catch (error) {
    return { code: (error as DomainError).code, kind: (error as DomainError).kind };
  }
  throw new Error('the charge was allowed');
};

describe('chargeableMethod', () => {
  it("picks the customer's default, or the method named", () => {
    const state = fold(customerDecider, [customerCreated(), methodSaved(), defaultSet(), methodSaved(PM_2)]);
    expect(chargeableMethod(state, { customer_id: CUS_1, off_session: true, now: NOW }).id).toBe(PM_1);
    expect(chargeableMethod(state, { customer_id: CUS_1, payment_method_id: PM_2, off_session: true, now: NOW }).card).toEqual(SAVED_CARD);
  });

  it('refuses an unknown customer and a customer without a default', () => {
    expect(refusal([])).toEqual({ code: 'CUSTOMER_NOT_FOUND', kind: 'not_found' });
    expect(refusal([customerCreated(), methodSaved(), defaultSet(), methodRemoved()])).toEqual({ code: 'NO_DEFAULT_PAYMENT_METHOD', kind: 'business' });
  });

  it('refuses a removed, an expired, an unknown method', () => {
    expect(refusal([customerCreated(), methodSaved(), defaultSet(), methodRemoved()], { payment_method_id: PM_1 })).toEqual({ code: 'PAYMENT_METHOD_REMOVED', kind: 'business' });
    expect(refusal([customerCreated(), methodSaved(), defaultSet()], { now: '2031-01-01T00:00:00.000Z' })).toEqual({ code: 'PAYMENT_METHOD_EXPIRED', kind: 'business' });
    expect(refusal([customerCreated()], { payment_method_id: PM_2 })).toEqual({ code: 'PAYMENT_METHOD_NOT_FOUND', kind: 'not_found' });
  });

  it('refuses an on-session-only method without the buyer, and allows it with the buyer', () => {
    const events = [customerCreated(), methodSaved(PM_1, SAVED_CARD, 'on_session'), defaultSet()];
    expect(refusal(events)).toEqual({ code: 'PAYMENT_METHOD_NOT_OFF_SESSION', kind: 'business' });
    expect(chargeableMethod(fold(customerDecider, events), { customer_id: CUS_1, off_session: false, now: NOW }).id).toBe(PM_1);
  });
});
