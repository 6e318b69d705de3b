import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IdMinter } from './ids.js';

/**
 * Who is asking and on whose behalf, attached to the raw request once and read everywhere
 * (handlers, event metadata, logs). Only adapter-neutral request fields are used so the
 * fastify adapter stays a configuration switch.
 */
export interface RequestContext {
  requestId: string;
  merchantId: string;
  mode: 'test' | 'live';
  idempotencyKey?: string;
  /** Fingerprint of the idempotency claim (request hash + claim time) this request runs under. */
  idempotencyClaim?: string;
  ids: IdMinter;
}

export interface OrdoRequest {
  id?: string | number;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  raw?: OrdoRequest;
  ordo?: Partial<RequestContext>;
}

export function headerOf(req: OrdoRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function requestIdOf(req: OrdoRequest): string {
  const id = req.ordo?.requestId ?? req.id ?? req.raw?.id;
  return typeof id === 'string' ? id : 'req_unknown';
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const req = context.switchToHttp().getRequest<OrdoRequest>();
  const ctx = req.ordo;
  if (!ctx?.merchantId || !ctx.mode || !ctx.ids || !ctx.requestId) {
    throw new Error('request context used on a route without authentication');
  }
  return ctx as RequestContext;
});
