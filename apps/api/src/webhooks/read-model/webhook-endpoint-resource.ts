import type { ExistingWebhookEndpoint } from '#ordo/domain';

/** The API representation of an endpoint. Its secrets never appear: the secret is shown once, when made. */
export function toWebhookEndpointResource(endpoint: ExistingWebhookEndpoint) {
  const previous = endpoint.secrets[1];
  return {
    id: endpoint.id,
    object: 'webhook_endpoint' as const,
    url: endpoint.url,
    description: endpoint.description,
    enabled_events: endpoint.enabled_events,
    status: endpoint.status,
    disabled_reason: endpoint.disabled_reason,
    disabled_at: endpoint.disabled_at,
    /** When a rotated-out secret stops being used to sign (null: none in its grace). */
    previous_secret_expires_at: previous?.expires_at ?? null,
    metadata: endpoint.metadata,
    created_at: endpoint.created_at,
    updated_at: endpoint.updated_at,
  };
}

export type WebhookEndpointResource = ReturnType<typeof toWebhookEndpointResource>;
