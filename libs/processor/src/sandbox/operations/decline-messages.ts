import type { DeclineCode } from '../../processor-results.js';

/** Buyer-safe wording, shown as is by hosted pages. */
export const DECLINE_MESSAGES: Readonly<Record<DeclineCode, string>> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  authentication_failed: 'The card could not be authenticated.',
  authentication_required: 'Your bank asks you to confirm this payment: please pay again while present.',
};
