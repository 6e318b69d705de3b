/** An error raised at the edges (auth, idempotency, input shape) with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The body every error answer carries (brief §2). */
export interface ErrorBody {
  error: { type: string; code: string; message: string; field?: string; request_id: string };
}

export const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  409: 'conflict_error',
  412: 'conflict_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'business_rule_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
};
