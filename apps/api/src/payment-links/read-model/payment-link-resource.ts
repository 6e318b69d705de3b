import type { ExistingPaymentLink } from '#ordo/domain';

/** The API representation of a payment link, without its URL (the queries add it). */
export function toPaymentLinkResource(link: ExistingPaymentLink) {
  return {
    id: link.id,
    object: 'payment_link' as const,
    status: link.status,
    currency: link.currency,
    line_items: link.line_items,
    completion_limit: link.completion_limit,
    completed_count: link.completed,
    metadata: link.metadata,
    created_at: link.created_at,
  };
}

export type PaymentLinkResource = ReturnType<typeof toPaymentLinkResource> & { url: string };
