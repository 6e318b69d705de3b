import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '#ordo/domain';
import { ApiError, ERROR_TYPE_BY_STATUS, type ErrorBody } from './api-error.js';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = { validation: 400, not_found: 404, conflict: 409, business: 422 };

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Unexpected failures are logged with their stack; expected ones are not. */
  unexpected: boolean;
}

/** Body-parser failures carry a `type`; the same words on express and fastify map to one code. */
function parserError(exception: unknown): { status: number; code: string; message: string } | undefined {
  const e = exception as { type?: string; code?: string; status?: number; statusCode?: number };
  if (e?.type === 'entity.parse.failed' || e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError) {
    return { status: 400, code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' };
  }
  if (e?.type === 'entity.too.large' || e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported' || e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json encoded as UTF-8' };
  }
  return undefined;
}

const CODE_BY_HTTP_STATUS: Record<number, string> = { 400: 'MALFORMED_REQUEST', 404: 'ROUTE_NOT_FOUND', 405: 'METHOD_NOT_ALLOWED' };

/** Errors thrown by the HTTP stack itself (a bad %-escape in the URL…) carry a 4xx status. */
function httpStatusOf(exception: unknown): number | undefined {
  const e = exception as { status?: unknown; statusCode?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 600 ? status : undefined;
}

export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  let status = 500;
  let code = 'INTERNAL_ERROR';
  let message = 'an unexpected error occurred; it has been logged';
  let field: string | undefined;
  let headers: Record<string, string> = {};
  let unexpected = false;

  const parsed = parserError(exception instanceof HttpException ? (exception.cause ?? exception) : exception);
  if (exception instanceof DomainError) {
    status = STATUS_BY_KIND[exception.kind];
    ({ code, message, field } = exception);
  } else if (exception instanceof ApiError) {
    ({ status, code, message, field, headers } = exception);
  } else if (parsed) {
    ({ status, code, message } = parsed);
  } else if (exception instanceof HttpException || httpStatusOf(exception) !== undefined) {
    status = exception instanceof HttpException ? exception.getStatus() : httpStatusOf(exception)!;
    code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST');
    message = status === 404 ? 'no such route' : status === 400 ? 'the request could not be read (check the URL encoding and the body)' : (exception as Error).message;
    unexpected = status >= 500;
  } else {
    unexpected = true;
  }
  const type = ERROR_TYPE_BY_STATUS[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
  return {
    status,
    headers,
    unexpected,
    body: { error: { type, code, message, ...(field ? { field } : {}), request_id: requestId } },
  };
}
