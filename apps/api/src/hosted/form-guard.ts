import { createHmac, timingSafeEqual } from 'node:crypto';
import { headerOf, type OrdoRequest } from '../platform/request-context.js';

/**
 * CSRF defence of hosted forms, two layers: a token bound to the page (HMAC of the page's own
 * token under the server secret) that a cross-site page cannot read, and the browser's own word
 * (Sec-Fetch-Site / Origin) that the post comes from this site. Hosted pages have no cookies or
 * sessions to ride on, so this guards against a third party making a buyer's browser post.
 */
export function formToken(secret: string, pageToken: string): string {
  return createHmac('sha256', secret).update(`hosted-form\u0000${pageToken}`).digest('base64url');
}

export function formAllowed(req: OrdoRequest, secret: string, pageToken: string, given: unknown): boolean {
  const site = headerOf(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headerOf(req, 'origin');
  const host = headerOf(req, 'host');
  if (origin !== undefined && origin !== 'null' && host !== undefined) {
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(formToken(secret, pageToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
