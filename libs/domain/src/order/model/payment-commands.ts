import type { Money } from '../../money/money.js';
import type { Command } from '../../core/decider.js';
import type { CancellationReason, CaptureMethod, CardSummary, RefundReason } from './payment-state.js';

/*
 * Payment and refund commands. Time (`now`), ids, attempt keys and processor outcomes all come
 * in the command; the decider still checks every field at run time.
 *
 * A processor call is three steps: a Start… command records the intent to call with an
 * attempt_key, the app calls the processor with that key, a Record…Outcome command records the
 * answer for that key — exactly once. A crash in between is repaired by asking the processor
 * again with the same key and recording that answer.
 */

export type CreatePaymentIntent = Command<
  'CreatePaymentIntent',
  {
    order_id: string;
    payment_intent_id: string;
    /** In the order's currency; absent/null = the outstanding balance at confirm time. */
    amount_money?: Money | null;
    capture_method: CaptureMethod;
    customer_id?: string | null;
    /** Paying this invoice: it must be issued and still owed (checked on the same revision). */
    invoice_id?: string | null;
    /** No buyer present: needs a customer; the card is the customer's saved method. */
    off_session?: boolean | null;
    /** Paying through this hosted checkout session: it must be open and not past its expiry. */
    checkout_session_id?: string | null;
    /** The amount the buyer was shown (hosted pages): refused unless it is what the order can take now. */
    expected_amount?: number | null;
  }
>;
export type AttachPaymentMethod = Command<'AttachPaymentMethod', { order_id: string; payment_intent_id: string; payment_method: CardSummary }>;
export type StartPaymentConfirmation = Command<
  'StartPaymentConfirmation',
  { order_id: string; payment_intent_id: string; attempt_key: string; payment_method?: CardSummary | null }
>;

export type AuthorizationOutcome =
  | { type: 'authorized'; authorization_id: string }
  | { type: 'captured'; authorization_id: string; charge_id: string }
  | { type: 'requires_action'; action_id: string }
  | { type: 'declined'; code: string; message: string }
  | { type: 'error'; code: string; message: string };

/** `capture_id` is required with a `captured` outcome (the id of the capture it records). */
export type RecordAuthorizationOutcome = Command<
  'RecordAuthorizationOutcome',
  { order_id: string; payment_intent_id: string; attempt_key: string; outcome: AuthorizationOutcome; capture_id?: string | null }
>;
/** The buyer completed (approve) or failed the challenge; the authorization is asked for again. */
export type StartPaymentAction = Command<
  'StartPaymentAction',
  { order_id: string; payment_intent_id: string; attempt_key: string; result: 'approve' | 'fail' }
>;
export type StartCapture = Command<
  'StartCapture',
  { order_id: string; payment_intent_id: string; attempt_key: string; capture_id: string; amount_money?: Money | null; final?: boolean | null; reduce_order?: boolean | null }
>;
export type CaptureOutcome = { type: 'captured'; charge_id: string } | { type: 'failed'; code: string; message: string };
export type RecordCaptureOutcome = Command<'RecordCaptureOutcome', { order_id: string; payment_intent_id: string; attempt_key: string; outcome: CaptureOutcome }>;
/** attempt_key is needed only when a hold must be voided at the processor (requires_capture). */
export type StartCancel = Command<
  'StartCancel',
  { order_id: string; payment_intent_id: string; attempt_key?: string | null; reason?: CancellationReason | null; reduce_order?: boolean | null }
>;
export type VoidOutcome = { type: 'voided' } | { type: 'failed'; code: string; message: string };
export type RecordVoidOutcome = Command<'RecordVoidOutcome', { order_id: string; payment_intent_id: string; attempt_key: string; outcome: VoidOutcome }>;
/** Issued by the app's scheduler once an uncaptured authorization is 7 days old. */
export type ExpireAuthorization = Command<'ExpireAuthorization', { order_id: string; payment_intent_id: string; attempt_key: string }>;

export interface RefundLineInput {
  line_item_id: string;
  quantity: number;
}

/** At most one of amount_money and line_items; neither = everything refundable. */
export type RequestRefund = Command<
  'RequestRefund',
  {
    order_id: string;
    refund_id: string;
    attempt_key: string;
    payment_intent_id?: string | null;
    amount_money?: Money | null;
    line_items?: RefundLineInput[] | null;
    reason?: RefundReason | null;
  }
>;
export type RefundOutcome = { type: 'succeeded'; processor_refund_id: string } | { type: 'failed'; code: string };
export type RecordRefundOutcome = Command<'RecordRefundOutcome', { order_id: string; refund_id: string; attempt_key: string; outcome: RefundOutcome }>;

export type PaymentCommand =
  | CreatePaymentIntent
  | AttachPaymentMethod
  | StartPaymentConfirmation
  | RecordAuthorizationOutcome
  | StartPaymentAction
  | StartCapture
  | RecordCaptureOutcome
  | StartCancel
  | RecordVoidOutcome
  | ExpireAuthorization
  | RequestRefund
  | RecordRefundOutcome;

export type PaymentCommandType = PaymentCommand['type'];
