import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two requests that differ only in key order
 * hash the same. Only plain JSON values reach it (validated params).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Identifies "the same request" for an idempotency key: the operation and its parameters. */
export function requestHash(operation: string, params: unknown): string {
  return createHash('sha256').update(canonicalJson({ operation, params })).digest('hex');
}
