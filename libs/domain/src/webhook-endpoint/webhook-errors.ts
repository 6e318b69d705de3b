import { DomainError, type DomainErrorKind } from '../core/domain-error.js';

export const WEBHOOK_ERROR_KINDS = {
  INVALID_ID: 'validation',
  INVALID_REQUEST: 'validation',
  INVALID_METADATA: 'validation',
  INVALID_WEBHOOK_URL: 'validation',
  WEBHOOK_URL_SCHEME_NOT_ALLOWED: 'validation',
  /** Live mode: https only. */
  WEBHOOK_URL_HTTPS_REQUIRED: 'validation',
  /** Live mode: a loopback, private or local host (SSRF). */
  WEBHOOK_URL_NOT_ALLOWED: 'business',
  INVALID_ENABLED_EVENTS: 'validation',
  UNKNOWN_EVENT_TYPE: 'validation',
  INVALID_DESCRIPTION: 'validation',
  INVALID_SECRET_GRACE: 'validation',
  WEBHOOK_ENDPOINT_NOT_FOUND: 'not_found',
  WEBHOOK_ENDPOINT_ALREADY_EXISTS: 'conflict',
  /** Disabled endpoints get no deliveries, manual ones included: enable it first. */
  WEBHOOK_ENDPOINT_DISABLED: 'conflict',
  /** The failure streak does not meet the disable rule (DISABLE_AFTER_FAILURES over DISABLE_AFTER_MS). */
  WEBHOOK_ENDPOINT_NOT_FAILING: 'business',
} as const satisfies Record<string, DomainErrorKind>;
export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_KINDS;

export function webhookError(code: WebhookErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, WEBHOOK_ERROR_KINDS[code], message, field);
}
