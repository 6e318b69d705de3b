/** What a payment processor answers. Amounts are integer minor units. */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover';

/** The only card facts anyone keeps: enough to show "Visa •••• 4242, 12/34". */
export interface CardSummary {
  brand: CardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
}

export interface TokenizeResult {
  token: string;
  card: CardSummary;
}

export type DeclineCode = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc' | 'authentication_failed' | 'authentication_required';

export interface AuthorizedResult {
  status: 'authorized';
  authorizationId: string;
  amount: number;
  currency: string;
}

export interface CapturedSaleResult {
  status: 'captured';
  chargeId: string;
  authorizationId: string;
  amount: number;
  currency: string;
}

export interface DeclinedResult {
  status: 'declined';
  code: DeclineCode;
  message: string;
}

/** A 3-D Secure style challenge: the buyer must act before the authorization exists. */
export interface RequiresActionResult {
  status: 'requires_action';
  actionId: string;
  authorizationId: string;
}

/** The processor failed before deciding: nothing was authorized; retry with a NEW key. */
export interface ProcessingErrorResult {
  status: 'error';
  code: 'processing_error';
  retryable: true;
}

export type AuthorizeResult = AuthorizedResult | CapturedSaleResult | DeclinedResult | RequiresActionResult | ProcessingErrorResult;

/** After a challenge: the authorization goes on as authorize would have, or fails authentication. */
export type CompleteActionResult = AuthorizedResult | CapturedSaleResult | DeclinedResult;

export interface CaptureResult {
  status: 'captured';
  chargeId: string;
  amount: number;
  currency: string;
  /** What this call released back to the cardholder (non-zero only on a final capture). */
  released: number;
}

export interface VoidResult {
  status: 'voided';
  /** Authorized − captured at the time of the void (0 for a challenge never completed). */
  released: number;
}

export type RefundResult =
  | { status: 'succeeded'; refundId: string; amount: number }
  | { status: 'failed'; code: 'refund_failed'; refundId: string; amount: number };

export type ProcessorOperation = 'authorize' | 'complete_action' | 'capture' | 'void' | 'refund';

export type ProcessorResult = AuthorizeResult | CompleteActionResult | CaptureResult | VoidResult | RefundResult;
