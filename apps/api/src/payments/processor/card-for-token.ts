import type { CardSummary } from '#ordo/domain';
import type { PaymentProcessor } from '#ordo/processor';
import { ApiError } from '../../platform/api-error.js';
import type { RequestContext } from '../../platform/request-context.js';

export const TOKEN_PATTERN = /^tok_[A-Za-z0-9_]{1,251}$/;

/** The processor account a merchant's tokens belong to: one per merchant and mode. */
export const processorAccount = (ctx: Pick<RequestContext, 'merchantId' | 'mode'>): string => `${ctx.merchantId}/${ctx.mode}`;

/**
 * What the order keeps of a card: token, brand, last4, expiry, as the processor describes the
 * token. A token the processor never issued, or issued to another merchant, is refused alike,
 * before anything is recorded.
 */
export async function cardForToken(processor: PaymentProcessor, ctx: Pick<RequestContext, 'merchantId' | 'mode'>, token: string, field = 'payment_method.token'): Promise<CardSummary> {
  const card = await processor.describeToken(token, processorAccount(ctx));
  if (!card) throw new ApiError(422, 'NO_SUCH_TOKEN', `${field} is not a token this processor issued`, field);
  return { token, ...card };
}
