/*
 * Payment intents and refunds live inside the order (ExistingOrder.payment_intents / refunds):
 * every money fact of an order is in its one stream, so every rule is checked against one
 * revision. These are plain data folded from events by payment-evolve.ts.
 */

export type CaptureMethod = 'automatic' | 'manual';

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled'
  | 'expired';

/** What is kept of a card: a processor token and what a person may see. Never a card number. */
export interface CardSummary {
  token: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  /** The customer's saved method this card came from (absent for a card given with the payment). */
  payment_method_id?: string;
}

export type CancellationReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';
/** canceled: the whole hold (nothing captured); rest_released: what a partly captured hold still holds. */
export type VoidReason = 'canceled' | 'expired' | 'rest_released';
export type ReleaseReason = 'final_capture' | VoidReason;

/**
 * The processor call recorded as started and not yet answered. While it is set the intent is
 * `processing` and only the outcome for this attempt_key is accepted. (Refund calls are tracked
 * on each refund instead, because several refunds of one payment may be in flight at once.)
 */
export type PendingOperation =
  | { attempt_key: string; operation: 'authorize'; amount: number; capture: boolean }
  | { attempt_key: string; operation: 'capture'; amount: number; capture_id: string; final: boolean; reduce_order: boolean }
  | { attempt_key: string; operation: 'void'; amount: number; reason: VoidReason; cancellation_reason: CancellationReason | null; reduce_order: boolean };

export type PaymentOperation = PendingOperation['operation'];

export interface PaymentError {
  code: string;
  message: string;
}

export interface Capture {
  capture_id: string;
  charge_id: string;
  amount: number;
}

/**
 * Money figures, in minor units of the order's currency:
 * capturable = authorized − captured − released (what the hold still covers, ≥ 0);
 * refunded counts succeeded refunds only (pending ones are reserved, see refundableOf).
 */
export interface PaymentIntent {
  id: string;
  status: PaymentIntentStatus;
  /** Fixed amount, or null: the order's outstanding balance at confirm time. */
  amount: number | null;
  currency: string;
  capture_method: CaptureMethod;
  customer_id: string | null;
  /** Charged without the buyer present (a saved method): a challenge cannot be answered, so it fails the attempt. */
  off_session: boolean;
  /** The hosted checkout session this payment was made through (null for API payments). */
  checkout_session_id: string | null;
  payment_method: CardSummary | null;
  authorization_id: string | null;
  authorized: number;
  capturable: number;
  captured: number;
  released: number;
  refunded: number;
  captures: Capture[];
  authorized_at: string | null;
  /** authorized_at + 7 days. */
  expires_at: string | null;
  last_error: PaymentError | null;
  pending: PendingOperation | null;
  /** The amount the current confirmation asks for, from processing start until authorized or failed. */
  confirming_amount: number | null;
  /** The buyer challenge to complete while requires_action. */
  next_action: { action_id: string } | null;
  cancellation_reason: CancellationReason | null;
  /** Every attempt key this intent has started, in order (the last may still be pending). */
  attempt_keys: string[];
  created_at: string;
  updated_at: string;
}

export type RefundPartStatus = 'pending' | 'succeeded' | 'failed';
/**
 * A refund's status follows its parts: pending while any is, succeeded when all are, failed when
 * all are, partially_succeeded when some money went back and some could not.
 */
export type RefundRecordStatus = RefundPartStatus | 'partially_succeeded';
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';
export const REFUND_REASONS: readonly RefundReason[] = ['duplicate', 'fraudulent', 'requested_by_customer'];

export interface RefundedLine {
  line_item_id: string;
  quantity: number;
  amount: number;
}

/** What one payment gives back for a refund: one processor refund, under its own attempt key. */
export interface RefundPart {
  payment_intent_id: string;
  amount: number;
  attempt_key: string;
  status: RefundPartStatus;
  processor_refund_id: string | null;
  failure_code: string | null;
}

export interface Refund {
  id: string;
  /** What was asked: the sum of the parts. */
  amount: number;
  status: RefundRecordStatus;
  reason: RefundReason | null;
  /** Booked on the lines while the refund is pending or succeeded (see lineRefunds). */
  line_items: RefundedLine[];
  parts: RefundPart[];
  created_at: string;
  updated_at: string;
}

export function refundStatusOf(parts: readonly RefundPart[]): RefundRecordStatus {
  if (parts.some((p) => p.status === 'pending')) return 'pending';
  if (parts.every((p) => p.status === 'succeeded')) return 'succeeded';
  if (parts.every((p) => p.status === 'failed')) return 'failed';
  return 'partially_succeeded';
}

/** An uncaptured authorization expires this long after it was granted. */
export const AUTHORIZATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** A buyer challenge (3-D Secure) left unanswered this long is abandoned: the intent is canceled. */
export const CHALLENGE_VALIDITY_MS = 24 * 60 * 60 * 1000;
