import { createHash } from 'node:crypto';

/**
 * The public event's id, derived from the domain event's id, the public type and the object: the
 * same on every replay, so the feed and deliveries never hold two ids for one fact and receivers
 * can dedupe by `webhook-id`.
 */
export function publicEventId(domainEventId: string, type: string, objectId: string): string {
  return `evt_${createHash('sha256').update(`${domainEventId}|${type}|${objectId}`).digest('base64url').replace(/[-_]/g, '').slice(0, 24)}`;
}

/** Deterministic too: one delivery per endpoint and event. */
export function deliveryId(endpointId: string, eventId: string): string {
  return `whd_${createHash('sha256').update(`${endpointId}|${eventId}`).digest('base64url').replace(/[-_]/g, '').slice(0, 24)}`;
}
