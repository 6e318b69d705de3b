import type { OpenAPIObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { ErrorEnvelope } from './envelope.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const ERRORS: Record<string, string> = {
  '400': 'Malformed or invalid input (nothing written)',
  '401': 'Missing, unknown or revoked API key',
  '403': 'Not allowed in this mode',
  '404': 'Not found — also for another merchant’s or mode’s resource',
  '409': 'State or concurrency conflict (retryable ones say so in docs/api.md)',
  '412': 'If-Match named an order version that is no longer current (nothing written)',
  '413': 'Body larger than 1 MiB',
  '422': 'A business rule refused it (nothing written)',
  '429': 'Rate limited: retry after Retry-After seconds',
  '500': 'Unexpected; logged with the request id',
};

const IF_MATCH = {
  name: 'If-Match',
  in: 'header' as const,
  required: false,
  description: 'Apply only if the order is still at this version (its ETag, e.g. "7"); otherwise 412 VERSION_MISMATCH and nothing is written',
  schema: { type: 'string' },
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description: 'Makes the POST safe to retry for 24 hours: the same key and body get the stored answer (Idempotent-Replayed: true)',
  schema: { type: 'string', maxLength: 255 },
};

/** Writes to one order honour If-Match (IfMatchGuard, @VersionedByOrder). */
const isOrderWrite = (method: string, path: string) => method !== 'get' && path.startsWith('/v1/orders/{id}');

/** Which errors an operation can answer, from what it is. */
function errorsFor(method: string, path: string, isPublic: boolean): string[] {
  const codes = ['400', '500'];
  if (!isPublic) codes.push('401', '429');
  if (path.includes('{')) codes.push('404');
  if (method !== 'get') codes.push('409', '413', '422');
  if (isOrderWrite(method, path)) codes.push('412');
  return codes;
}

/**
 * What every operation shares is added here once rather than on ninety decorators: the
 * Idempotency-Key header on every POST (and on nothing else), and the error answers, all in the
 * one error envelope.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const errorSchema = { $ref: getSchemaPath(ErrorEnvelope) };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete', 'put'] as const) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      const isPublic = !op.security || op.security.length === 0;
      const others = (op.parameters ?? []).filter((p) => !('name' in p) || p.name !== 'Idempotency-Key');
      op.parameters = [...others, ...(method === 'post' && !isPublic ? [IDEMPOTENCY_KEY] : []), ...(isOrderWrite(method, path) ? [IF_MATCH] : [])];
      op.responses ??= {};
      for (const code of errorsFor(method, path, isPublic)) {
        op.responses[code] ??= { description: ERRORS[code]!, content: { 'application/json': { schema: errorSchema } } };
      }
    }
  }
  return document;
}
