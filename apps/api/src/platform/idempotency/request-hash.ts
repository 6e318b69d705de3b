import { createHash } from 'node:crypto';

/** Key order does not change a JSON request's meaning, so it must not change its hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([method.toUpperCase(), path, canonical(body ?? null)])).digest('hex');
}
