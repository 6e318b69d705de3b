import { createHmac } from 'node:crypto';

/** Key order does not change a JSON request's meaning, so it must not change its hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * Keyed (HMAC) rather than a plain hash: bodies will carry card numbers on confirm, and a plain
 * SHA-256 of a body whose other fields are known could be brute-forced back to the number.
 */
export function requestHash(secret: string, method: string, path: string, body: unknown): string {
  return createHmac('sha256', secret).update(JSON.stringify([method.toUpperCase(), path, canonical(body ?? null)])).digest('hex');
}
