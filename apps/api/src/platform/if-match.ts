import { SetMetadata, type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from './api-error.js';
import { headerOf, type OrdoRequest } from './request-context.js';

const VERSIONED = 'ordo:versioned-by-order';
/** Routes whose `:id` is an order: they honour `If-Match` against the order's version. */
export const VersionedByOrder = () => SetMetadata(VERSIONED, true);

/** `"5"`, `W/"5"` or `5` → 5n; `*` → undefined (any version). */
export function parseIfMatch(value: string): bigint | undefined {
  const trimmed = value.trim();
  if (trimmed === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(trimmed);
  if (!match) throw new ApiError(400, 'INVALID_IF_MATCH', 'If-Match must be the order version from its ETag, e.g. "7"', 'If-Match');
  return BigInt(match[1]!);
}

/** The ETag of an answer that is an order: its version (the stream revision of its last fact). */
export function etagOf(body: unknown): string | undefined {
  const data = (body as { data?: { object?: unknown; version?: unknown } } | null)?.data;
  return data?.object === 'order' && typeof data.version === 'number' ? `"${data.version}"` : undefined;
}

/**
 * Optimistic concurrency for integrators: `If-Match: "<version>"` on a mutating order route makes
 * the command apply only if the order is still at that version — checked by the command path on
 * the revision it appends against, so nothing is written when it moved on (412 VERSION_MISMATCH).
 * A route that cannot honour it refuses it rather than ignore a precondition the client relies on.
 */
@Injectable()
export class IfMatchGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<OrdoRequest>();
    const header = headerOf(req, 'if-match');
    if (header === undefined || req.method === 'GET' || !req.ordo) return true;
    if (!this.reflector.getAllAndOverride<boolean>(VERSIONED, [context.getHandler(), context.getClass()])) {
      throw new ApiError(400, 'IF_MATCH_NOT_SUPPORTED', 'If-Match is honoured on order routes (/v1/orders/{id}/…) only', 'If-Match');
    }
    const expected = parseIfMatch(header);
    if (expected !== undefined) req.ordo.expectedVersion = expected;
    return true;
  }
}
