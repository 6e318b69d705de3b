import type { DomainEvent } from '../../core/decider.js';
import type {
  CancellationReason,
  CaptureMethod,
  CardSummary,
  RefundedLine,
  RefundReason,
  ReleaseReason,
  VoidReason,
} from './payment-state.js';

/*
 * Payment and refund facts, appended to the order's stream. Wire names are stable. Each names
 * its order, its intent (or refund) and when it happened (the command's `now`). A processor call
 * is a "…Started"/"…Requested" event carrying the attempt_key the app sends as idempotency key,
 * followed by exactly one outcome event for that key.
 */
interface IntentEventData {
  order_id: string;
  payment_intent_id: string;
  occurred_at: string;
}

/** `off_session` is written only when true (absent = the buyer is present, as in every older event). */
export type PaymentIntentCreated = DomainEvent<
  'PaymentIntentCreated',
  IntentEventData & { amount: number | null; currency: string; capture_method: CaptureMethod; customer_id: string | null; off_session?: true; checkout_session_id?: string }
>;
export type PaymentMethodAttached = DomainEvent<'PaymentMethodAttached', IntentEventData & { payment_method: CardSummary }>;
/** The authorization (with immediate capture when `capture`) is about to be asked for. */
export type PaymentProcessingStarted = DomainEvent<
  'PaymentProcessingStarted',
  IntentEventData & { attempt_key: string; amount: number; capture: boolean; action_result: 'approve' | 'fail' | null }
>;
export type PaymentActionRequired = DomainEvent<'PaymentActionRequired', IntentEventData & { attempt_key: string; action_id: string }>;
/** expires_at = occurred_at + 7 days. */
export type PaymentAuthorized = DomainEvent<
  'PaymentAuthorized',
  IntentEventData & { attempt_key: string; authorization_id: string; amount: number; expires_at: string }
>;
export type PaymentFailed = DomainEvent<
  'PaymentFailed',
  IntentEventData & { attempt_key: string; failure_type: 'declined' | 'error'; code: string; message: string }
>;
/**
 * `reduce_order` (a final capture only; written only when true, absent = false): the rest it
 * releases is also taken off what the order is owed (OrderBalanceReduced).
 */
export type PaymentCaptureStarted = DomainEvent<
  'PaymentCaptureStarted',
  IntentEventData & { attempt_key: string; capture_id: string; amount: number; final: boolean; reduce_order?: boolean }
>;
/**
 * `credits_invoice_id`: the issued invoice that held the order when the money came in — this
 * capture is its collection. Decided by decide and written here so evolve only applies it;
 * present only when an invoice held the order (evolve reads older events by the same rule).
 */
export type PaymentCaptured = DomainEvent<
  'PaymentCaptured',
  IntentEventData & { attempt_key: string; capture_id: string; charge_id: string; amount: number; final: boolean; credits_invoice_id?: string }
>;
export type PaymentCaptureFailed = DomainEvent<'PaymentCaptureFailed', IntentEventData & { attempt_key: string; code: string; message: string }>;
export type PaymentVoidStarted = DomainEvent<
  'PaymentVoidStarted',
  IntentEventData & { attempt_key: string; amount: number; reason: VoidReason; cancellation_reason: CancellationReason | null; reduce_order?: boolean }
>;
export type PaymentVoidFailed = DomainEvent<'PaymentVoidFailed', IntentEventData & { attempt_key: string; code: string; message: string }>;
/** The uncaptured rest of the hold is given back to the buyer's card. */
export type PaymentAuthorizationReleased = DomainEvent<'PaymentAuthorizationReleased', IntentEventData & { amount: number; reason: ReleaseReason }>;
export type PaymentIntentCanceled = DomainEvent<'PaymentIntentCanceled', IntentEventData & { cancellation_reason: CancellationReason | null }>;
export type PaymentAuthorizationExpired = DomainEvent<'PaymentAuthorizationExpired', IntentEventData>;

interface RefundEventData {
  order_id: string;
  refund_id: string;
  payment_intent_id: string;
  attempt_key: string;
  amount: number;
  occurred_at: string;
}

/** One processor refund of a refund: this much of this payment, asked under this attempt key. */
export interface RefundPartRequest {
  payment_intent_id: string;
  attempt_key: string;
  amount: number;
}

/**
 * The refund is pending: each part's amount is reserved against its payment's refundable amount.
 * A refund of one payment has one part; an order refund bigger than any one payment can give
 * back is spread over several (decided here, written into the event). Events written before
 * refunds had parts carry `payment_intent_id` and `attempt_key` instead, for one part of `amount`
 * (read by refundPartsOf).
 */
export type RefundRequested = DomainEvent<
  'RefundRequested',
  {
    order_id: string;
    refund_id: string;
    amount: number;
    reason: RefundReason | null;
    line_items: RefundedLine[];
    parts?: RefundPartRequest[];
    payment_intent_id?: string;
    attempt_key?: string;
    occurred_at: string;
  }
>;
/** One part was refunded by the processor (amount = the part's). */
export type RefundSucceeded = DomainEvent<'RefundSucceeded', RefundEventData & { processor_refund_id: string }>;
/** One part failed: its reservation is released. */
export type RefundFailed = DomainEvent<'RefundFailed', RefundEventData & { failure_code: string }>;

/** The parts of a requested refund, whichever shape the event was written in. */
export function refundPartsOf(data: RefundRequested['data']): RefundPartRequest[] {
  if (data.parts) return data.parts;
  return [{ payment_intent_id: data.payment_intent_id ?? '', attempt_key: data.attempt_key ?? '', amount: data.amount }];
}

export type PaymentEvent =
  | PaymentIntentCreated
  | PaymentMethodAttached
  | PaymentProcessingStarted
  | PaymentActionRequired
  | PaymentAuthorized
  | PaymentFailed
  | PaymentCaptureStarted
  | PaymentCaptured
  | PaymentCaptureFailed
  | PaymentVoidStarted
  | PaymentVoidFailed
  | PaymentAuthorizationReleased
  | PaymentIntentCanceled
  | PaymentAuthorizationExpired
  | RefundRequested
  | RefundSucceeded
  | RefundFailed;

export type PaymentEventType = PaymentEvent['type'];

const EVENT_TYPES: { [T in PaymentEventType]: T } = {
  PaymentIntentCreated: 'PaymentIntentCreated',
  PaymentMethodAttached: 'PaymentMethodAttached',
  PaymentProcessingStarted: 'PaymentProcessingStarted',
  PaymentActionRequired: 'PaymentActionRequired',
  PaymentAuthorized: 'PaymentAuthorized',
  PaymentFailed: 'PaymentFailed',
  PaymentCaptureStarted: 'PaymentCaptureStarted',
  PaymentCaptured: 'PaymentCaptured',
  PaymentCaptureFailed: 'PaymentCaptureFailed',
  PaymentVoidStarted: 'PaymentVoidStarted',
  PaymentVoidFailed: 'PaymentVoidFailed',
  PaymentAuthorizationReleased: 'PaymentAuthorizationReleased',
  PaymentIntentCanceled: 'PaymentIntentCanceled',
  PaymentAuthorizationExpired: 'PaymentAuthorizationExpired',
  RefundRequested: 'RefundRequested',
  RefundSucceeded: 'RefundSucceeded',
  RefundFailed: 'RefundFailed',
};

/** The stable wire names of every payment and refund event. */
export const PAYMENT_EVENT_TYPES: readonly PaymentEventType[] = Object.freeze(Object.values(EVENT_TYPES));

const PAYMENT_EVENT_TYPE_SET: ReadonlySet<string> = new Set(PAYMENT_EVENT_TYPES);

export function isPaymentEvent(event: { type: string }): event is PaymentEvent {
  return PAYMENT_EVENT_TYPE_SET.has(event.type);
}
