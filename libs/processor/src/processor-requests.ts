/**
 * What the app sends to a payment processor. Field names follow the processor's wire style
 * (camelCase here, as the port is an in-process TypeScript API); card fields keep the
 * snake_case the hosted card form posts so a form body can be passed through unchanged.
 */

/** Test and live data never mix: the mode travels with every call that can start money moving. */
export type ProcessorMode = 'test' | 'live';

export interface TokenizeRequest {
  /** The primary account number; spaces and dashes are ignored. Never stored, never returned. */
  number: string;
  exp_month: number;
  /** Four digits (2-digit years are read as 20YY). */
  exp_year: number;
  /** Never stored, never returned. */
  cvc: string;
  mode: ProcessorMode;
  /**
   * The caller's clock, used only to refuse a card that has already expired. The processor
   * has no clock of its own, so tests and test clocks can move time.
   */
  now: Date;
  /**
   * The account (Ordo: merchant and mode) the token belongs to; describeToken answers only that
   * account. Omitted: a token any account may use.
   */
  account?: string;
}

export interface AuthorizeRequest {
  idempotencyKey: string;
  token: string;
  /** Integer minor units, > 0. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  /** true = sale (authorize and capture in one call); false = hold only, capture later. */
  capture: boolean;
  mode: ProcessorMode;
  /**
   * The caller's id for what is being paid (Ordo passes the payment intent id). Kept with the
   * authorization so the processor's record can be checked per intent ("at most one charge").
   */
  reference?: string;
  /**
   * No buyer present (a saved card charged later): a card that would ask for a challenge is
   * declined `authentication_required` instead, since nobody is there to answer it.
   */
  offSession?: boolean;
}

export interface CompleteActionRequest {
  idempotencyKey: string;
  actionId: string;
  /** The buyer passed ('approve') or failed ('fail') the challenge. */
  outcome: 'approve' | 'fail';
}

export interface CaptureRequest {
  idempotencyKey: string;
  authorizationId: string;
  /** Integer minor units in the authorization's currency, > 0. */
  amount: number;
  /** true releases whatever is still authorized after this capture. */
  final: boolean;
}

export interface VoidRequest {
  idempotencyKey: string;
  authorizationId: string;
}

export interface RefundRequest {
  idempotencyKey: string;
  chargeId: string;
  /** Integer minor units in the charge's currency, > 0. */
  amount: number;
}
