import type { Command, DomainEvent } from '../../core/decider.js';
import type { CustomerState } from '../customer-state.js';
import { requireCustomer, requireUsableMethod } from '../rules/customer-guards.js';

export type SetDefaultPaymentMethod = Command<'SetDefaultPaymentMethod', { customer_id: string; payment_method_id: string }>;
export type DefaultPaymentMethodSet = DomainEvent<'DefaultPaymentMethodSet', { customer_id: string; payment_method_id: string; occurred_at: string }>;

/** Only a usable method (not removed, not expired) becomes the default; the default already records nothing. */
export function decideSetDefaultPaymentMethod(command: SetDefaultPaymentMethod, state: CustomerState): DefaultPaymentMethodSet[] {
  const customer = requireCustomer(state, command.data.customer_id);
  const method = requireUsableMethod(customer, command.data.payment_method_id, command.now);
  if (customer.default_payment_method_id === method.id) return [];
  return [{ type: 'DefaultPaymentMethodSet', data: { customer_id: customer.id, payment_method_id: method.id, occurred_at: command.now } }];
}

export function evolveDefaultPaymentMethodSet(state: CustomerState, { data }: DefaultPaymentMethodSet): CustomerState {
  if (state.status === 'none') return state;
  return { ...state, default_payment_method_id: data.payment_method_id, updated_at: data.occurred_at };
}
