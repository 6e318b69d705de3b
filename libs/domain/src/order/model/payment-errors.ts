import type { DomainErrorKind } from '../../core/domain-error.js';

/**
 * Rejections of payment and refund commands, with their kinds. They are part of the order's
 * kinds table (ORDER_ERROR_KINDS), since payments are decided by the order aggregate.
 */
export const PAYMENT_ERROR_KINDS = {
  PAYMENT_INTENT_NOT_FOUND: 'not_found',
  PAYMENT_INTENT_ALREADY_EXISTS: 'conflict',
  /** The intent's status does not allow this step (the message names the status). */
  PAYMENT_INTENT_UNEXPECTED_STATE: 'conflict',
  /** A processor call on the intent is in flight: the same request may succeed once it is answered (retryable). */
  PAYMENT_INTENT_PROCESSING: 'conflict',
  PAYMENT_INTENT_CANCELED: 'conflict',
  AUTHORIZATION_EXPIRED: 'conflict',
  AUTHORIZATION_NOT_EXPIRED: 'conflict',
  INVALID_CAPTURE_METHOD: 'validation',
  INVALID_PAYMENT_METHOD: 'validation',
  PAYMENT_METHOD_REQUIRED: 'business',
  AMOUNT_EXCEEDS_OUTSTANDING: 'business',
  NOTHING_OUTSTANDING: 'business',
  CAPTURE_EXCEEDS_CAPTURABLE: 'business',
  CANCEL_AFTER_CAPTURE: 'conflict',
  PAYMENT_ATTEMPT_NOT_FOUND: 'not_found',
  PAYMENT_ATTEMPT_ALREADY_SETTLED: 'conflict',
  ATTEMPT_KEY_ALREADY_USED: 'conflict',
  PAYMENT_IN_PROGRESS: 'conflict',
  REFUND_NOT_FOUND: 'not_found',
  REFUND_ALREADY_EXISTS: 'conflict',
  REFUND_EXCEEDS_REFUNDABLE: 'business',
  REFUND_QUANTITY_EXCEEDS_REMAINING: 'business',
  PAYMENT_NOT_CAPTURED: 'business',
} as const satisfies Record<string, DomainErrorKind>;
