import { customerError } from '../customer-errors.js';
import type { CustomerState, SavedPaymentMethod } from '../customer-state.js';
import { requireCustomer, requireUsableMethod } from './customer-guards.js';

export interface ChargeRequest {
  customer_id: string;
  /** A method of this customer; absent = the customer's default. */
  payment_method_id?: string | null;
  /** No buyer present: the method must have been saved for off-session use. */
  off_session: boolean;
  now: string;
}

/**
 * The saved method a charge may use: the one named or the customer's default, not removed, not
 * expired, and saved for off-session use when no buyer is present. A rule over the customer's
 * state, asked before the order's command path records the charge (a method removed in between
 * is charged at most once, as with any processor: removal stops future charges).
 */
export function chargeableMethod(state: CustomerState, request: ChargeRequest): SavedPaymentMethod {
  const customer = requireCustomer(state, request.customer_id);
  const named = request.payment_method_id ?? null;
  const id = named ?? customer.default_payment_method_id;
  if (id === null) {
    throw customerError('NO_DEFAULT_PAYMENT_METHOD', `customer ${customer.id} has no default payment method: name one with payment_method_id or set a default`, 'payment_method_id');
  }
  const method = requireUsableMethod(customer, id, request.now);
  if (request.off_session && method.usage !== 'off_session') {
    throw customerError('PAYMENT_METHOD_NOT_OFF_SESSION', `payment method ${method.id} was saved for on-session use only: it cannot be charged without the buyer`, 'payment_method_id');
  }
  return method;
}
