import type { Command, DomainEvent } from '../../core/decider.js';
import type { CustomerState } from '../customer-state.js';
import { requireCustomer, requireMethod } from '../rules/customer-guards.js';

export type RemovePaymentMethod = Command<'RemovePaymentMethod', { customer_id: string; payment_method_id: string }>;
/** The method can no longer be charged; if it was the default, the customer has none until one is set. */
export type PaymentMethodRemoved = DomainEvent<'PaymentMethodRemoved', { customer_id: string; payment_method_id: string; was_default: boolean; occurred_at: string }>;

/** Removing a removed method records nothing (the request is a repeat). */
export function decideRemovePaymentMethod(command: RemovePaymentMethod, state: CustomerState): PaymentMethodRemoved[] {
  const customer = requireCustomer(state, command.data.customer_id);
  const method = requireMethod(customer, command.data.payment_method_id);
  if (method.removed_at !== null) return [];
  const was_default = customer.default_payment_method_id === method.id;
  return [{ type: 'PaymentMethodRemoved', data: { customer_id: customer.id, payment_method_id: method.id, was_default, occurred_at: command.now } }];
}

export function evolvePaymentMethodRemoved(state: CustomerState, { data }: PaymentMethodRemoved): CustomerState {
  if (state.status === 'none') return state;
  return {
    ...state,
    payment_methods: state.payment_methods.map((pm) => (pm.id === data.payment_method_id ? { ...pm, removed_at: data.occurred_at } : pm)),
    default_payment_method_id: data.was_default ? null : state.default_payment_method_id,
    updated_at: data.occurred_at,
  };
}
