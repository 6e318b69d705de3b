import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unguessable part of a hosted URL for an object that has no page token of its own (a
 * payment intent's 3-D Secure page): an HMAC of its id under the server secret.
 */
export function pageSignature(secret: string, purpose: string, id: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${id}`).digest('base64url').slice(0, 32);
}

export function pageSignatureValid(secret: string, purpose: string, id: string, given: string): boolean {
  const expected = Buffer.from(pageSignature(secret, purpose, id));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
