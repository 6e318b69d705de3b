import type { CustomerState, ExistingCustomer } from '#ordo/domain';
import { toCustomerResource, toPaymentMethodResource } from '../../customers/read-model/customer-resource.js';
import type { PublicEventDraft } from './public-event-draft.js';

/** customer.* and payment_method.* from one customer-stream fact. */
export function customerPublicEvents(type: string, data: Record<string, unknown>, _before: CustomerState, after: ExistingCustomer, revision: bigint): PublicEventDraft[] {
  const customer = () => toCustomerResource(after, revision) as unknown as Record<string, unknown>;
  const method = (t: string): PublicEventDraft[] => {
    const pm = after.payment_methods.find((m) => m.id === data.payment_method_id);
    return pm ? [{ type: t, object_id: pm.id, order_id: null, object: toPaymentMethodResource(after, pm, data.occurred_at as string) as unknown as Record<string, unknown> }] : [];
  };
  switch (type) {
    case 'CustomerCreated':
      return [{ type: 'customer.created', object_id: after.id, order_id: null, object: customer() }];
    case 'CustomerUpdated':
      return [{ type: 'customer.updated', object_id: after.id, order_id: null, object: customer() }];
    case 'PaymentMethodSaved':
      return method('payment_method.saved');
    case 'PaymentMethodRemoved':
      return method('payment_method.removed');
    default:
      return [];
  }
}
