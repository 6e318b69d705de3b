/**
 * What a sandbox card does when charged. Stored with the token (instead of the number) so the
 * sandbox can act deterministically without ever keeping card data.
 */
export type CardBehaviour =
  | 'succeed'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  /** Odd-numbered authorize attempts on the token answer processing_error; even ones succeed. */
  | 'processing_error'
  /** Authorize answers requires_action; completeAction decides. */
  | 'requires_action'
  /** Authorizes and captures normally; every refund fails with refund_failed. */
  | 'refund_fails'
  /** With the buyer present it succeeds; off-session the bank asks for authentication: declined authentication_required. */
  | 'authentication_required_off_session'
  /** The first three successful authorizations on the token succeed; every later one is declined card_declined. */
  | 'declines_after_three_charges';

export const CARD_BEHAVIOURS: readonly CardBehaviour[] = [
  'succeed',
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'requires_action',
  'refund_fails',
  'authentication_required_off_session',
  'declines_after_three_charges',
];
