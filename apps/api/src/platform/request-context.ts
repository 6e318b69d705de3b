import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomId, type IdMinter } from './ids.js';

/**
 * Who is asking and on whose behalf, attached to the raw request once and read everywhere
 * (handlers, event metadata, logs). Only adapter-neutral request fields are used so the
 * fastify adapter stays a configuration switch.
 */
export interface RequestContext {
  requestId: string;
  merchantId: string;
  mode: 'test' | 'live';
  /** From If-Match on an order route: the command applies only at this order version. */
  expectedVersion?: bigint;
  /** The API key the request authenticated with (rate limits are per key). */
  apiKeyId?: string;
  idempotencyKey?: string;
  /** Fingerprint of the idempotency claim (request hash + claim time) this request runs under. */
  idempotencyClaim?: string;
  ids: IdMinter;
  /** Never set for HTTP requests: the time a background process acts at (a test clock's time). */
  at?: string;
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

/**
 * The request's `req_…` id: minted once (by pino-http on express, by fastify's genReqId on
 * fastify, or here if a request failed before either ran) and remembered on the request.
 */
export function requestIdOf(req: OrdoRequest): string {
  const known = req.ordo?.requestId ?? req.id ?? req.raw?.id;
  if (typeof known === 'string' && known.startsWith('req_')) return known;
  const minted = randomId('req_');
  req.ordo = { ...(req.ordo ?? {}), requestId: minted };
  return minted;
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const req = context.switchToHttp().getRequest<OrdoRequest>();
  const ctx = req.ordo;
  if (!ctx?.merchantId || !ctx.mode || !ctx.ids || !ctx.requestId) {
    throw new Error('request context used on a route without authentication');
  }
  return ctx as RequestContext;
});
