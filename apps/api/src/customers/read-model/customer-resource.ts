import type { ExistingCustomer, SavedPaymentMethod } from '#ordo/domain';
import { isCardExpired } from '#ordo/domain';

/** A saved method as the API shows it: never the token, only what a person may see. */
export function toPaymentMethodResource(customer: ExistingCustomer, method: SavedPaymentMethod, now?: string) {
  const { brand, last4, exp_month, exp_year } = method.card;
  return {
    id: method.id,
    object: 'payment_method' as const,
    customer_id: customer.id,
    type: 'card' as const,
    card: { brand, last4, exp_month, exp_year },
    usage: method.usage,
    status: method.removed_at !== null ? ('removed' as const) : now !== undefined && isCardExpired(method.card, now) ? ('expired' as const) : ('active' as const),
    is_default: customer.default_payment_method_id === method.id,
    created_at: method.saved_at,
    removed_at: method.removed_at,
  };
}

export type PaymentMethodResource = ReturnType<typeof toPaymentMethodResource>;

/** The customer as the API shows it (the receivables summary is added by the query). */
export function toCustomerResource(customer: ExistingCustomer, revision: bigint) {
  const method = customer.payment_methods.find((pm) => pm.id === customer.default_payment_method_id);
  return {
    id: customer.id,
    object: 'customer' as const,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    address: customer.address,
    metadata: customer.metadata,
    test_clock_id: customer.test_clock_id ?? null,
    default_payment_method: method ? toPaymentMethodResource(customer, method) : null,
    version: Number(revision),
    created_at: customer.created_at,
    updated_at: customer.updated_at,
  };
}

export type CustomerResource = ReturnType<typeof toCustomerResource>;
