import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ExistingOrder, PaymentIntent } from '#ordo/domain';
import { OrdersQueries } from '../orders/read-model/orders.queries.js';
import { READ_DB, type ReadDb } from '../persistence/read-db.js';
import { Public } from '../platform/auth.guard.js';
import { pageSignatureValid } from '../platform/page-signature.js';
import type { OrdoRequest, RequestContext } from '../platform/request-context.js';
import { ServerSecrets } from '../platform/server-secrets.js';
import { buyerMoney } from './buyer-money.js';
import { formAllowed, formToken } from './form-guard.js';
import { HostedPayments } from './hosted-payments.js';
import { PageRenderer } from './page-renderer.js';

/**
 * The 3-D Secure page of a payment made through the API (`next_action.redirect_url`): the
 * integrator sends the buyer's browser here. Checkout and invoice payments have their own
 * challenge pages under their tokens. The URL's signature (HMAC of the intent id) is the credential.
 */
@Public()
@ApiExcludeController()
@Controller('authenticate')
export class HostedChallengePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orders: OrdersQueries,
    private readonly payments: HostedPayments,
    private readonly secrets: ServerSecrets,
    @Inject(READ_DB) private readonly db: ReadDb,
  ) {}

  @Get(':intent/:sig')
  async show(@Param('intent') intentId: string, @Param('sig') sig: string, @Res() res: unknown) {
    const found = await this.find(intentId, sig);
    if (!found) return this.message(res, 404, null, 'Page not found', 'This link is not valid.');
    if (found.intent.status !== 'requires_action') return this.settled(res, found);
    this.pages.send(
      res,
      200,
      'challenge',
      {
        amount: buyerMoney(found.intent.confirming_amount ?? found.intent.amount ?? 0, found.order.currency),
        merchant: found.merchant,
        last4: found.intent.payment_method?.last4 ?? '••••',
        action: `/authenticate/${intentId}/${sig}`,
        csrf: formToken(this.secrets.idSecret, `${intentId}/${sig}`),
      },
      { title: 'Confirm your payment', testMode: found.ctx.mode === 'test' },
    );
  }

  @Post(':intent/:sig')
  async answer(@Param('intent') intentId: string, @Param('sig') sig: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const found = await this.find(intentId, sig);
    if (!found) return this.message(res, 404, null, 'Page not found', 'This link is not valid.');
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    if (!formAllowed(req, this.secrets.idSecret, `${intentId}/${sig}`, form.csrf)) return this.message(res, 403, found.ctx, 'This form could not be sent', 'Reload the page and try again.');
    if (found.intent.status === 'requires_action' && (form.result === 'approve' || form.result === 'fail')) {
      await this.payments.completeChallenge(found.ctx, found.order.id, intentId, form.result);
    }
    this.pages.redirect(res, `/authenticate/${intentId}/${sig}`);
  }

  private async find(intentId: string, sig: string): Promise<{ ctx: RequestContext; order: ExistingOrder; intent: PaymentIntent; merchant: string } | undefined> {
    if (!/^pi_[A-Za-z0-9]{16,40}$/.test(intentId) || !pageSignatureValid(this.secrets.idSecret, 'challenge', intentId, sig)) return undefined;
    const row = await this.db.first<{ order_id: string; merchant_id: string; mode: 'test' | 'live' }>('SELECT order_id, merchant_id, mode FROM payment_intents WHERE id = ?', [intentId]);
    if (!row) return undefined;
    const ctx = this.payments.contextFor(row);
    const order = await this.orders.state(ctx, row.order_id);
    const intent = order.payment_intents.find((pi) => pi.id === intentId);
    return intent ? { ctx, order, intent, merchant: await this.payments.merchantName(ctx.merchantId) } : undefined;
  }

  private settled(res: unknown, { ctx, intent }: { ctx: RequestContext; intent: PaymentIntent }): void {
    const ok = intent.status === 'succeeded' || intent.status === 'requires_capture';
    this.message(res, 200, ctx, ok ? 'Payment confirmed' : 'Payment not confirmed', ok ? 'Thank you: you can close this page.' : 'The card could not be authenticated. Return to the shop to try again.', ok ? 'good' : 'bad');
  }

  private message(res: unknown, status: number, ctx: Pick<RequestContext, 'mode'> | null, heading: string, message: string, tone = 'bad'): void {
    this.pages.send(res, status, 'message', { heading, message, tone, link: null }, { title: heading, testMode: ctx?.mode === 'test' });
  }
}
