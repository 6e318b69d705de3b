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
  | 'refund_fails';

export const CARD_BEHAVIOURS: readonly CardBehaviour[] = [
  'succeed',
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'requires_action',
  'refund_fails',
];
