import { customerError } from '../customer-errors.js';
import type { CustomerState, ExistingCustomer, SavedPaymentMethod } from '../customer-state.js';
import { isCardExpired } from './card-expiry.js';

export function requireCustomer(state: CustomerState, customerId: string): ExistingCustomer {
  if (state.status === 'none') throw customerError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`, 'customer_id');
  return state;
}

export function requireMethod(customer: ExistingCustomer, paymentMethodId: string, field = 'payment_method_id'): SavedPaymentMethod {
  const method = customer.payment_methods.find((pm) => pm.id === paymentMethodId);
  if (!method) throw customerError('PAYMENT_METHOD_NOT_FOUND', `customer ${customer.id} has no payment method ${paymentMethodId}`, field);
  return method;
}

/** A method that may be charged (or made the default) now: saved, not removed, not expired. */
export function requireUsableMethod(customer: ExistingCustomer, paymentMethodId: string, now: string, field = 'payment_method_id'): SavedPaymentMethod {
  const method = requireMethod(customer, paymentMethodId, field);
  if (method.removed_at !== null) throw customerError('PAYMENT_METHOD_REMOVED', `payment method ${method.id} was removed on ${method.removed_at}`, field);
  if (isCardExpired(method.card, now)) {
    throw customerError('PAYMENT_METHOD_EXPIRED', `payment method ${method.id} (${method.card.brand} ${method.card.last4}) expired at the end of ${method.card.exp_month}/${method.card.exp_year}`, field);
  }
  return method;
}

export const activeMethods = (customer: ExistingCustomer) => customer.payment_methods.filter((pm) => pm.removed_at === null);
