import type { CustomerCommand, CustomerEvent } from '../customer/customer-decider.js';
import type { CustomerCreated } from '../customer/commands/create-customer.js';
import type { PaymentMethodSaved } from '../customer/commands/save-payment-method.js';
import type { PaymentMethodUsage } from '../customer/customer-state.js';
import type { CardSummary } from '../order/model/payment-state.js';
import { CREATED_AT, CUS_1, NOW } from './order-fixtures.js';

/* Builders for customer tests: well-formed values by default, overridable per test. */

export const PM_1 = 'pm_0000000000000001';
export const PM_2 = 'pm_0000000000000002';
export const SAVED_CARD: CardSummary = { token: 'tok_visa', brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };
export const EXPIRED_CARD: CardSummary = { token: 'tok_mastercard', brand: 'mastercard', last4: '4444', exp_month: 2, exp_year: 2025 };

export function customerCommand<T extends CustomerCommand['type']>(type: T, data: Extract<CustomerCommand, { type: T }>['data'], now = NOW): Extract<CustomerCommand, { type: T }> {
  return { type, data, now } as Extract<CustomerCommand, { type: T }>;
}

export function customerCreated(overrides: Partial<CustomerCreated['data']> = {}): CustomerCreated {
  return {
    type: 'CustomerCreated',
    data: { customer_id: CUS_1, name: 'Jane Doe', email: 'jane@example.com', phone: null, address: null, metadata: {}, occurred_at: CREATED_AT, ...overrides },
  };
}

export function methodSaved(id = PM_1, card: CardSummary = SAVED_CARD, usage: PaymentMethodUsage = 'off_session'): PaymentMethodSaved {
  return { type: 'PaymentMethodSaved', data: { customer_id: CUS_1, payment_method_id: id, card, usage, occurred_at: CREATED_AT } };
}

export const defaultSet = (id = PM_1): CustomerEvent => ({ type: 'DefaultPaymentMethodSet', data: { customer_id: CUS_1, payment_method_id: id, occurred_at: CREATED_AT } });
export const methodRemoved = (id = PM_1, was_default = true): CustomerEvent => ({ type: 'PaymentMethodRemoved', data: { customer_id: CUS_1, payment_method_id: id, was_default, occurred_at: CREATED_AT } });
