import type { CustomerState, ExistingCustomer } from '#ordo/domain';
import { toCustomerResource, toPaymentMethodResource } from '../../customers/read-model/customer-resource.js';
import type { AppendedFacts, PublicEventDraft } from './public-event-draft.js';

const METHOD_EVENTS: Partial<Record<string, string>> = { PaymentMethodSaved: 'payment_method.saved', PaymentMethodRemoved: 'payment_method.removed' };

/** customer.* and payment_method.* from one append to a customer stream (objects as after it). */
export function customerPublicEvents(facts: AppendedFacts, before: CustomerState, after: ExistingCustomer, revision: bigint): PublicEventDraft[] {
  const out: PublicEventDraft[] = [];
  const customer = () => toCustomerResource(after, revision) as unknown as Record<string, unknown>;
  if (before.status === 'none') out.push({ type: 'customer.created', object_id: after.id, order_id: null, object: customer() });
  else if (facts.some((f) => f.type === 'CustomerUpdated')) out.push({ type: 'customer.updated', object_id: after.id, order_id: null, object: customer() });
  for (const fact of facts) {
    const type = METHOD_EVENTS[fact.type];
    const pm = type && after.payment_methods.find((m) => m.id === fact.data.payment_method_id);
    if (type && pm) out.push({ type, object_id: pm.id, order_id: null, object: toPaymentMethodResource(after, pm, fact.data.occurred_at as string) as unknown as Record<string, unknown> });
  }
  return out;
}
