import { Inject, Injectable } from '@nestjs/common';
import { InvalidCardError } from '#ordo/processor';
import { DomainError } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../persistence/read-db.js';
import { ApiError } from '../platform/api-error.js';
import { Clock } from '../platform/clock.js';
import { IdMinter, randomId } from '../platform/ids.js';
import type { RequestContext } from '../platform/request-context.js';
import { PaymentIntentsService } from '../payments/application/payment-intents.service.js';
import { processorAccount } from '../payments/processor/card-for-token.js';
import { PaymentProcessors } from '../payments/processor/payment-processors.js';
import { toApiError } from '../payments/processor/processor-error-map.js';

/** The card fields of a hosted form, as typed. They go to the tokenizer and are dropped. */
export interface CardInput {
  number: string;
  exp_month: string;
  exp_year: string;
  cvc: string;
}

/** How a hosted payment ended: paid, needs the challenge page, or refused with a buyer-facing message. */
export type HostedOutcome = { kind: 'paid' } | { kind: 'challenge'; intentId: string } | { kind: 'refused'; code: string; message: string };

export interface PayTarget {
  orderId: string;
  checkoutSessionId?: string;
  invoiceId?: string;
  expectedAmount: number;
  saveCard: boolean;
}

/** What a buyer may read about why a payment did not go through (never an internal detail). */
const BUYER_MESSAGES: Record<string, string> = {
  card_declined: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  expired_card: 'Your card has expired. Try another card.',
  incorrect_cvc: 'The security code is not right. Check it and try again.',
  authentication_failed: 'The card could not be authenticated. Try again or use another card.',
  AMOUNT_DUE_CHANGED: 'The amount due has changed since this page was shown. Review the new amount and pay again.',
  PAYMENT_IN_PROGRESS: 'A payment is already being processed. Wait a moment and reload this page.',
  CHECKOUT_SESSION_EXPIRED: 'This checkout has expired.',
  CHECKOUT_SESSION_NOT_OPEN: 'This checkout is no longer open.',
};

/**
 * The use cases behind the hosted pages. A page acts for the merchant that owns its token, in the
 * token's mode: the context below is built from the token, never from anything the browser sends.
 * Card numbers are handed to the tokenizer and nowhere else: not to events, logs or errors.
 */
@Injectable()
export class HostedPayments {
  constructor(
    private readonly intents: PaymentIntentsService,
    private readonly processors: PaymentProcessors,
    private readonly clock: Clock,
    @Inject(READ_DB) private readonly db: ReadDb,
  ) {}

  contextFor(owner: { merchant_id: string; mode: 'test' | 'live' }): RequestContext {
    return { requestId: randomId('req_'), merchantId: owner.merchant_id, mode: owner.mode, ids: new IdMinter() };
  }

  /** The name buyers see on the page. */
  async merchantName(merchantId: string): Promise<string> {
    const row = await this.db.first<{ name: string }>('SELECT name FROM merchants WHERE id = ?', [merchantId]);
    return row?.name ?? 'the merchant';
  }

  async pay(ctx: RequestContext, target: PayTarget, card: CardInput): Promise<HostedOutcome> {
    let token: string;
    try {
      const processor = this.processors.require(ctx.mode);
      const result = await processor.tokenize({
        number: card.number,
        exp_month: Number(card.exp_month),
        exp_year: Number(card.exp_year),
        cvc: card.cvc,
        mode: ctx.mode,
        now: this.clock.now(),
        account: processorAccount(ctx),
      });
      token = result.token;
    } catch (error) {
      if (error instanceof InvalidCardError) return { kind: 'refused', code: error.code, message: invalidCardMessage(error.field) };
      return refusal(toApiError(error));
    }
    try {
      const ref = await this.intents.create(ctx, {
        order_id: target.orderId,
        capture_method: 'automatic',
        confirm: true,
        token,
        expected_amount: target.expectedAmount,
        ...(target.checkoutSessionId ? { checkout_session_id: target.checkoutSessionId } : {}),
        ...(target.invoiceId ? { invoice_id: target.invoiceId } : {}),
        ...(target.saveCard ? { save_payment_method: true } : {}),
      });
      return await this.outcomeOf(target.orderId, ref.intentId);
    } catch (error) {
      return refusal(error);
    }
  }

  async completeChallenge(ctx: RequestContext, orderId: string, intentId: string, result: 'approve' | 'fail'): Promise<HostedOutcome> {
    try {
      await this.intents.completeAction(ctx, { orderId, intentId }, result);
      return await this.outcomeOf(orderId, intentId);
    } catch (error) {
      return refusal(error);
    }
  }

  private async outcomeOf(orderId: string, intentId: string): Promise<HostedOutcome> {
    const row = await this.db.first<{ resource: string }>('SELECT resource FROM payment_intents WHERE id = ? AND order_id = ?', [intentId, orderId]);
    const intent = row ? (JSON.parse(row.resource) as { status: string; last_payment_error: { code: string } | null }) : undefined;
    if (!intent) return { kind: 'refused', code: 'UNKNOWN', message: 'The payment could not be completed. Try again.' };
    if (intent.status === 'succeeded') return { kind: 'paid' };
    if (intent.status === 'requires_action') return { kind: 'challenge', intentId };
    const code = intent.last_payment_error?.code ?? 'card_declined';
    return { kind: 'refused', code, message: BUYER_MESSAGES[code] ?? 'The payment did not go through. Try another card.' };
  }
}

function invalidCardMessage(field: string): string {
  return field === 'number' ? 'Check the card number.' : field === 'cvc' ? 'Check the security code.' : 'Check the expiry date.';
}

function refusal(error: unknown): HostedOutcome {
  if (error instanceof DomainError || error instanceof ApiError) {
    const code = error instanceof DomainError ? error.code : error.code;
    return { kind: 'refused', code, message: BUYER_MESSAGES[code] ?? 'The payment could not be completed. Try again or contact the merchant.' };
  }
  throw error;
}
