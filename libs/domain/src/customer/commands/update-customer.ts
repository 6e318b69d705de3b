import type { Command, DomainEvent } from '../../core/decider.js';
import type { CustomerChanges, CustomerState } from '../customer-state.js';
import { validateCustomerChanges } from '../rules/contact-fields.js';
import { requireCustomer } from '../rules/customer-guards.js';

export type UpdateCustomer = Command<'UpdateCustomer', { customer_id: string; changes: unknown }>;
export type CustomerUpdated = DomainEvent<'CustomerUpdated', { customer_id: string; changes: CustomerChanges; occurred_at: string }>;

/** Only what differs is recorded; a change to what is already there records nothing. */
export function decideUpdateCustomer(command: UpdateCustomer, state: CustomerState): CustomerUpdated[] {
  const customer = requireCustomer(state, command.data.customer_id);
  const requested = validateCustomerChanges(command.data.changes);
  const changes = Object.fromEntries(
    Object.entries(requested).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(customer[field as keyof CustomerChanges])),
  ) as CustomerChanges;
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'CustomerUpdated', data: { customer_id: customer.id, changes, occurred_at: command.now } }];
}

export function evolveCustomerUpdated(state: CustomerState, { data }: CustomerUpdated): CustomerState {
  if (state.status === 'none') return state;
  return { ...state, ...data.changes, updated_at: data.occurred_at };
}
