import ipaddr from 'ipaddr.js';
import { webhookError } from './webhook-errors.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Whether an IP address is one the public internet routes to. Anything else (loopback, private,
 * link-local, carrier-grade NAT, unique-local, multicast, reserved, unspecified) could reach this
 * service's own network, so live-mode deliveries never go there (SSRF). IPv4-mapped IPv6 is
 * judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Host names that mean "this machine or its network" whatever DNS says. */
function isLocalName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.');
}

/**
 * The URL a webhook endpoint posts to. http(s) only, no credentials in it. In live mode it must be
 * https and name a public host: a literal private or loopback address, or a local name, is refused
 * here; a name that resolves to one is refused again at delivery time (DNS can change).
 * Test mode allows both, so a receiver on the developer's machine works.
 */
export function validateWebhookUrl(value: unknown, mode: 'test' | 'live', field = 'url'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_WEBHOOK_URL_LENGTH) {
    throw webhookError('INVALID_WEBHOOK_URL', `${field} must be an absolute URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters`, field);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw webhookError('INVALID_WEBHOOK_URL', `${field} must be an absolute URL`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw webhookError('WEBHOOK_URL_SCHEME_NOT_ALLOWED', `${field} must be an http or https URL`, field);
  if (url.username || url.password) throw webhookError('INVALID_WEBHOOK_URL', `${field} must not carry a user name or password`, field);
  if (url.hash) throw webhookError('INVALID_WEBHOOK_URL', `${field} must not have a #fragment`, field);
  if (mode === 'live') {
    if (url.protocol !== 'https:') throw webhookError('WEBHOOK_URL_HTTPS_REQUIRED', `live-mode endpoints must use https`, field);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const literal = ipaddr.isValid(host);
    if ((literal && !isPublicAddress(host)) || (!literal && isLocalName(host))) {
      throw webhookError('WEBHOOK_URL_NOT_ALLOWED', `live-mode endpoints must be on a public host, not ${host}`, field);
    }
  }
  return url.toString();
}
