import type { Command, DomainEvent } from '../../core/decider.js';
import { validateId } from '../../order/rules/validation/fields.js';
import { customerError } from '../customer-errors.js';
import type { CustomerDetails, CustomerState, ExistingCustomer } from '../customer-state.js';
import { validateCustomerDetails } from '../rules/contact-fields.js';

/** `test_clock_id` (test mode, checked by the application): the customer is billed at that clock's time. */
export type CreateCustomer = Command<'CreateCustomer', { customer_id: string; test_clock_id?: string | null } & Partial<Record<keyof CustomerDetails, unknown>>>;
/** `test_clock_id` is written only when the customer has one. */
export type CustomerCreated = DomainEvent<'CustomerCreated', { customer_id: string; test_clock_id?: string; occurred_at: string } & CustomerDetails>;

export function decideCreateCustomer(command: CreateCustomer, state: CustomerState): CustomerCreated[] {
  const id = validateId('cus_', command.data.customer_id, 'customer_id');
  if (state.status !== 'none') throw customerError('CUSTOMER_ALREADY_EXISTS', `customer ${id} already exists`, 'customer_id');
  const clock = command.data.test_clock_id;
  const test_clock = clock === undefined || clock === null ? {} : { test_clock_id: validateId('clock_', clock, 'test_clock_id') };
  return [{ type: 'CustomerCreated', data: { customer_id: id, ...validateCustomerDetails(command.data), ...test_clock, occurred_at: command.now } }];
}

export function evolveCustomerCreated(_: CustomerState, { data }: CustomerCreated): ExistingCustomer {
  const { customer_id, occurred_at, name, email, phone, address, metadata } = data;
  return {
    status: 'active',
    id: customer_id,
    name,
    email,
    phone,
    address,
    metadata,
    test_clock_id: data.test_clock_id ?? null,
    created_at: occurred_at,
    updated_at: occurred_at,
    payment_methods: [],
    default_payment_method_id: null,
  };
}
