import type { DomainErrorKind } from '../../core/domain-error.js';

/** Rejections of invoice and manual-payment commands; part of ORDER_ERROR_KINDS. */
export const COLLECTION_ERROR_KINDS = {
  INVOICE_NOT_FOUND: 'not_found',
  INVOICE_ALREADY_EXISTS: 'conflict',
  /** The order already has a draft or issued invoice: one collector at a time. */
  ORDER_ALREADY_INVOICED: 'conflict',
  /** An issued invoice holds the order: void it or mark it uncollectible first. */
  ORDER_HELD_BY_INVOICE: 'conflict',
  INVOICE_NOT_DRAFT: 'conflict',
  INVOICE_NOT_OPEN: 'conflict',
  INVOICE_HAS_PAYMENTS: 'conflict',
  INVOICE_ALREADY_OVERDUE: 'conflict',
  INVOICE_NOT_DUE: 'conflict',
  INVOICE_PAID: 'conflict',
  /** An online payment is being decided: recording offline money now could collect twice. */
  INVOICE_PAYMENT_RESOLVING: 'conflict',
  /** Invoice card payments are captured at once (no authorize-now-capture-later). */
  INVOICE_REQUIRES_AUTOMATIC_CAPTURE: 'business',
  CUSTOMER_REQUIRED: 'business',
  CUSTOMER_MISMATCH: 'business',
  EMPTY_INVOICE: 'business',
  INVALID_DUE_DATE: 'validation',
  INVALID_DAYS_UNTIL_DUE: 'validation',
  INVALID_MEMO: 'validation',
  INVALID_INVOICE_NUMBER: 'validation',
  INVALID_REMINDER_KIND: 'validation',
  MANUAL_PAYMENT_NOT_FOUND: 'not_found',
  MANUAL_PAYMENT_ALREADY_EXISTS: 'conflict',
  MANUAL_PAYMENT_ALREADY_REVERSED: 'conflict',
  /** Reversing it would leave more refunded by hand than received by hand: record that first. */
  MANUAL_PAYMENT_REFUNDED: 'conflict',
  MANUAL_REFUND_ALREADY_EXISTS: 'conflict',
  INVALID_REFUNDED_AT: 'validation',
  INVALID_MANUAL_PAYMENT_METHOD: 'validation',
  INVALID_RECEIVED_AT: 'validation',
  INVALID_REFERENCE: 'validation',
  INVALID_NOTE: 'validation',
  INVALID_REASON: 'validation',
} as const satisfies Record<string, DomainErrorKind>;
