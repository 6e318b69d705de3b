import type { CardSummary } from '#ordo/domain';
import { TEST_TOKEN_EXPIRY, TEST_TOKENS } from '#ordo/processor';
import { ApiError } from '../../platform/api-error.js';

export const TOKEN_PATTERN = /^tok_[A-Za-z0-9_]{1,251}$/;

/**
 * What the order keeps of a card: token, brand, last4, expiry. The processor port has no
 * "describe token" call yet (a gap reported upstream), so only the sandbox's ready-made tokens
 * can be described; any other token is refused before anything is recorded.
 */
export function cardForToken(token: string, field = 'payment_method.token'): CardSummary {
  const known = TEST_TOKENS.find((t) => t.token === token);
  if (!known) throw new ApiError(422, 'NO_SUCH_TOKEN', `${field} is not a token this processor issued`, field);
  return { token: known.token, brand: known.brand, last4: known.last4, exp_month: TEST_TOKEN_EXPIRY.exp_month, exp_year: TEST_TOKEN_EXPIRY.exp_year };
}
