import type { CustomerEvent, CustomerState } from '#ordo/domain';

const cardOf = (state: CustomerState, id: string) => {
  const card = state.status === 'none' ? undefined : state.payment_methods.find((pm) => pm.id === id)?.card;
  return card ? `${card.brand} ending ${card.last4}` : id;
};

/** One line a support person reads in the customer's timeline. `before` is the state the event applied to. */
export function describeCustomerEvent(event: CustomerEvent, before: CustomerState): string {
  switch (event.type) {
    case 'CustomerCreated':
      return `Customer created${event.data.name ? `: ${event.data.name}` : ''}${event.data.email ? ` <${event.data.email}>` : ''}`;
    case 'CustomerUpdated':
      return `Customer details changed: ${Object.keys(event.data.changes).join(', ')}`;
    case 'PaymentMethodSaved': {
      const { brand, last4, exp_month, exp_year } = event.data.card;
      const use = event.data.usage === 'off_session' ? 'may be charged without the customer present' : 'for payments with the customer present';
      return `Card saved: ${brand} ending ${last4}, expires ${String(exp_month).padStart(2, '0')}/${exp_year} (${event.data.payment_method_id}, ${use})`;
    }
    case 'DefaultPaymentMethodSet':
      return `Default payment method is now ${cardOf(before, event.data.payment_method_id)} (${event.data.payment_method_id})`;
    case 'PaymentMethodRemoved':
      return `Card removed: ${cardOf(before, event.data.payment_method_id)} (${event.data.payment_method_id})${event.data.was_default ? '; the customer has no default payment method now' : ''}`;
  }
}
