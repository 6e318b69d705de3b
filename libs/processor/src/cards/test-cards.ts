import type { CardBrand } from '../processor-results.js';
import type { CardBehaviour } from './card-behaviour.js';

export interface TestCard {
  number: string;
  brand: CardBrand;
  behaviour: CardBehaviour;
  description: string;
}

/**
 * The only card numbers the sandbox tokenizes (documented in docs/processor.md). Any other
 * number, even a Luhn-valid one, is refused: a real card has no business in test mode.
 * Every number is accepted with any future expiry and any CVC of the right length
 * (4 digits for Amex, 3 otherwise).
 */
export const TEST_CARDS: readonly TestCard[] = Object.freeze([
  { number: '4242424242424242', brand: 'visa', behaviour: 'succeed', description: 'Visa: succeeds' },
  { number: '5555555555554444', brand: 'mastercard', behaviour: 'succeed', description: 'Mastercard: succeeds' },
  { number: '378282246310005', brand: 'amex', behaviour: 'succeed', description: 'American Express (4-digit CVC): succeeds' },
  { number: '6011111111111117', brand: 'discover', behaviour: 'succeed', description: 'Discover: succeeds' },
  { number: '4000000000000002', brand: 'visa', behaviour: 'card_declined', description: 'declined: card_declined' },
  { number: '4000000000009995', brand: 'visa', behaviour: 'insufficient_funds', description: 'declined: insufficient_funds' },
  { number: '4000000000000069', brand: 'visa', behaviour: 'expired_card', description: 'declined: expired_card' },
  { number: '4000000000000127', brand: 'visa', behaviour: 'incorrect_cvc', description: 'declined: incorrect_cvc' },
  {
    number: '4000000000000119',
    brand: 'visa',
    behaviour: 'processing_error',
    description: 'processing_error (retryable) on the 1st, 3rd… authorize of a token; a retry with a new key succeeds',
  },
  {
    number: '4000002500003155',
    brand: 'visa',
    behaviour: 'requires_action',
    description: 'requires_action (3-D Secure style); approve → authorized/captured, fail → authentication_failed',
  },
  { number: '4000000000005126', brand: 'visa', behaviour: 'refund_fails', description: 'authorizes and captures; every refund fails (refund_failed)' },
  {
    number: '4000002760003184',
    brand: 'visa',
    behaviour: 'authentication_required_off_session',
    description: 'succeeds with the buyer present; off-session it is declined authentication_required',
  },
  {
    number: '4000000000000341',
    brand: 'visa',
    behaviour: 'declines_after_three_charges',
    description: 'the first 3 successful authorizations of the token succeed, later ones are declined card_declined (counted per token)',
  },
] satisfies TestCard[]);

export interface TestToken {
  token: string;
  brand: CardBrand;
  last4: string;
  behaviour: CardBehaviour;
}

/** A fixed expiry for the ready-made tokens: the sandbox has no clock to pick "next year" with. */
export const TEST_TOKEN_EXPIRY = { exp_month: 12, exp_year: 2040 } as const;

/**
 * Ready-made tokens, seeded in every sandbox file, so tests and integrators can skip tokenize.
 * Each behaves exactly like the test card with the same last4.
 */
export const TEST_TOKENS: readonly TestToken[] = Object.freeze([
  { token: 'tok_visa', brand: 'visa', last4: '4242', behaviour: 'succeed' },
  { token: 'tok_mastercard', brand: 'mastercard', last4: '4444', behaviour: 'succeed' },
  { token: 'tok_amex', brand: 'amex', last4: '0005', behaviour: 'succeed' },
  { token: 'tok_discover', brand: 'discover', last4: '1117', behaviour: 'succeed' },
  { token: 'tok_chargeDeclined', brand: 'visa', last4: '0002', behaviour: 'card_declined' },
  { token: 'tok_insufficientFunds', brand: 'visa', last4: '9995', behaviour: 'insufficient_funds' },
  { token: 'tok_expiredCard', brand: 'visa', last4: '0069', behaviour: 'expired_card' },
  { token: 'tok_incorrectCvc', brand: 'visa', last4: '0127', behaviour: 'incorrect_cvc' },
  { token: 'tok_processingError', brand: 'visa', last4: '0119', behaviour: 'processing_error' },
  { token: 'tok_threeDSecureRequired', brand: 'visa', last4: '3155', behaviour: 'requires_action' },
  { token: 'tok_refundFails', brand: 'visa', last4: '5126', behaviour: 'refund_fails' },
  { token: 'tok_authenticationRequiredOffSession', brand: 'visa', last4: '3184', behaviour: 'authentication_required_off_session' },
  { token: 'tok_declinesAfterThreeCharges', brand: 'visa', last4: '0341', behaviour: 'declines_after_three_charges' },
] satisfies TestToken[]);

export function findTestCard(digits: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.number === digits);
}
