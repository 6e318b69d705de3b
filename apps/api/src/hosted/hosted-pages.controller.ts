import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { invoiceStatus, type CheckoutSession, type ExistingOrder, type Invoice } from '#ordo/domain';
import { CheckoutSessionsQueries } from '../checkout/read-model/checkout-sessions.queries.js';
import { OrdersQueries } from '../orders/read-model/orders.queries.js';
import { buyerMoney as formatMoney } from './buyer-money.js';
import { Public } from '../platform/auth.guard.js';
import type { OrdoRequest, RequestContext } from '../platform/request-context.js';
import { ServerSecrets } from '../platform/server-secrets.js';
import { Clock } from '../platform/clock.js';
import { formAllowed, formToken } from './form-guard.js';
import { HOSTED_CSS } from './hosted-css.js';
import { HostedPayments, type CardInput, type HostedOutcome } from './hosted-payments.js';
import { HostedInvoices, type InvoiceOwner } from './hosted-invoices.js';
import { orderSummary } from './order-summary.js';
import { PageRenderer, type PageOptions } from './page-renderer.js';
import { HttpAdapterHost } from '@nestjs/core';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

interface Found {
  ctx: RequestContext;
  order: ExistingOrder;
  /** The merchant's name, as the page shows it. */
  merchant: string;
}

/**
 * The pages buyers see: checkout (with its 3-D Secure challenge, canceled and expired pages) and
 * the invoice page. Public routes: the unguessable token in the URL is the only credential, and
 * it names the merchant and mode the page acts for. A token nobody was given — or another
 * merchant's object id — is the same plain 404 page.
 */
@Public()
@ApiExcludeController()
@Controller()
export class HostedPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: CheckoutSessionsQueries,
    private readonly invoices: HostedInvoices,
    private readonly orders: OrdersQueries,
    private readonly payments: HostedPayments,
    private readonly secrets: ServerSecrets,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('hosted/assets/hosted.css')
  css(@Res() res: unknown) {
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(res, 'Content-Type', 'text/css; charset=utf-8');
    adapter.setHeader(res, 'Cache-Control', 'public, max-age=3600');
    adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
    adapter.reply(res, HOSTED_CSS, 200);
  }

  // ── checkout ─────────────────────────────────────────────────────────────

  @Get('checkout/:token')
  async checkout(@Param('token') token: string, @Res() res: unknown) {
    const found = await this.session(token);
    if (!found) return this.notFound(res);
    this.showSession(res, token, found, 200);
  }

  @Post('checkout/:token/pay')
  async payCheckout(@Param('token') token: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const found = await this.session(token);
    if (!found) return this.notFound(res);
    const form = formOf(req);
    if (!formAllowed(req, this.secrets.idSecret, token, form.csrf)) return this.forbidden(res, found.ctx);
    const session = found.session;
    if (!this.payable(session)) return this.showSession(res, token, found, 409);
    const card = cardOf(form);
    if (!card) return this.showSession(res, token, found, 422, 'Fill in the card number, expiry month and year, and security code.');
    const outcome = await this.payments.pay(found.ctx, { orderId: found.order.id, checkoutSessionId: session.id, expectedAmount: wholeNumber(form.expected_amount), saveCard: session.allow_save_card && form.save_card === 'yes' }, card);
    await this.afterCheckoutPayment(res, token, outcome);
  }

  @Get('checkout/:token/challenge')
  async checkoutChallenge(@Param('token') token: string, @Res() res: unknown) {
    const found = await this.session(token);
    if (!found) return this.notFound(res);
    const intent = found.order.payment_intents.find((pi) => pi.checkout_session_id === found.session.id && pi.status === 'requires_action');
    if (!intent || !this.payable(found.session)) return this.pages.redirect(res, `/checkout/${token}`);
    this.showChallenge(res, found, intent.id, `/checkout/${token}/challenge`, token, [origin(found.session.success_url)]);
  }

  @Post('checkout/:token/challenge')
  async answerCheckoutChallenge(@Param('token') token: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const found = await this.session(token);
    if (!found) return this.notFound(res);
    const form = formOf(req);
    if (!formAllowed(req, this.secrets.idSecret, token, form.csrf)) return this.forbidden(res, found.ctx);
    const intent = found.order.payment_intents.find((pi) => pi.checkout_session_id === found.session.id && pi.status === 'requires_action');
    if (!intent || (form.result !== 'approve' && form.result !== 'fail')) return this.pages.redirect(res, `/checkout/${token}`);
    const outcome = await this.payments.completeChallenge(found.ctx, found.order.id, intent.id, form.result);
    await this.afterCheckoutPayment(res, token, outcome);
  }

  @Get('checkout/:token/canceled')
  async canceled(@Param('token') token: string, @Res() res: unknown) {
    const found = await this.session(token);
    if (!found) return this.notFound(res);
    this.message(res, 200, found.ctx, { heading: 'Checkout canceled', message: 'Nothing was charged.', tone: 'neutral', link: this.payable(found.session) ? { href: `/checkout/${token}`, text: 'Back to checkout' } : null });
  }

  // ── invoice ──────────────────────────────────────────────────────────────

  @Get('i/:token')
  async invoice(@Param('token') token: string, @Res() res: unknown) {
    const found = await this.invoice_(token);
    if (!found) return this.notFound(res);
    this.showInvoice(res, token, found, 200);
  }

  @Post('i/:token/pay')
  async payInvoice(@Param('token') token: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const found = await this.invoice_(token);
    if (!found) return this.notFound(res);
    const form = formOf(req);
    if (!formAllowed(req, this.secrets.idSecret, token, form.csrf)) return this.forbidden(res, found.ctx);
    const card = cardOf(form);
    if (!card) return this.showInvoice(res, token, found, 422, 'Fill in the card number, expiry month and year, and security code.');
    const outcome = await this.payments.pay(found.ctx, { orderId: found.order.id, invoiceId: found.invoice.id, expectedAmount: wholeNumber(form.expected_amount), saveCard: false }, card);
    await this.afterInvoicePayment(res, token, outcome);
  }

  @Get('i/:token/challenge')
  async invoiceChallenge(@Param('token') token: string, @Res() res: unknown) {
    const found = await this.invoice_(token);
    if (!found) return this.notFound(res);
    const intent = found.order.payment_intents.find((pi) => pi.status === 'requires_action');
    if (!intent) return this.pages.redirect(res, `/i/${token}`);
    this.showChallenge(res, found, intent.id, `/i/${token}/challenge`, token);
  }

  @Post('i/:token/challenge')
  async answerInvoiceChallenge(@Param('token') token: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const found = await this.invoice_(token);
    if (!found) return this.notFound(res);
    const form = formOf(req);
    if (!formAllowed(req, this.secrets.idSecret, token, form.csrf)) return this.forbidden(res, found.ctx);
    const intent = found.order.payment_intents.find((pi) => pi.status === 'requires_action');
    if (!intent || (form.result !== 'approve' && form.result !== 'fail')) return this.pages.redirect(res, `/i/${token}`);
    await this.afterInvoicePayment(res, token, await this.payments.completeChallenge(found.ctx, found.order.id, intent.id, form.result));
  }

  // ── rendering ────────────────────────────────────────────────────────────

  private async session(token: string): Promise<(Found & { session: CheckoutSession }) | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const owner = await this.sessions.byToken(token);
    if (!owner) return undefined;
    const ctx = this.payments.contextFor(owner);
    const order = await this.orders.state(ctx, owner.order_id);
    const session = order.checkout_sessions.find((s) => s.id === owner.id);
    return session ? { ctx, order, session, merchant: await this.payments.merchantName(ctx.merchantId) } : undefined;
  }

  private async invoice_(token: string): Promise<(Found & { invoice: Invoice; owner: InvoiceOwner }) | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const owner = await this.invoices.byToken(token);
    if (!owner) return undefined;
    const ctx = this.payments.contextFor(owner);
    const order = await this.orders.state(ctx, owner.order_id);
    const invoice = order.invoices.find((inv) => inv.id === owner.id);
    return invoice ? { ctx, order, invoice, owner, merchant: await this.payments.merchantName(ctx.merchantId) } : undefined;
  }

  /** Open and not past its expiry by the clock (the scheduler may not have recorded it yet). */
  private payable(session: CheckoutSession): boolean {
    return session.status === 'open' && this.clock.nowIso() < session.expires_at;
  }

  private showSession(res: unknown, token: string, found: Found & { session: CheckoutSession }, status: number, error?: string): void {
    const { ctx, order, session, merchant } = found;
    if (session.status === 'completed') {
      const paid = order.payment_intents.find((pi) => pi.id === session.payment_intent_id)?.captured ?? 0;
      return this.message(res, 200, ctx, { heading: 'Payment successful', message: `Thank you: ${formatMoney(paid, order.currency)} was paid.`, tone: 'good', link: session.payment_link_id ? null : { href: this.successUrl(session), text: 'Return to the shop' } }, [origin(session.success_url)]);
    }
    if (session.status === 'expired' || (session.status === 'open' && !this.payable(session))) {
      return this.message(res, status === 200 ? 410 : status, ctx, { heading: 'This checkout has expired', message: 'Nothing was charged. Go back to the shop to start again.', tone: 'bad', link: { href: session.cancel_url, text: 'Return to the shop' } });
    }
    if (session.status === 'closed') {
      return this.message(res, status === 200 ? 410 : status, ctx, { heading: 'This checkout is closed', message: session.close_reason === 'order_paid' ? 'This order has been paid.' : 'It no longer takes payments.', tone: 'neutral', link: { href: session.cancel_url, text: 'Return to the shop' } });
    }
    const summary = orderSummary(order);
    this.pages.send(
      res,
      status,
      'checkout',
      {
        merchant,
        summary,
        expiresAt: session.expires_at,
        expiresAtText: new Date(session.expires_at).toUTCString(),
        cancelUrl: session.cancel_url,
        action: `/checkout/${token}/pay`,
        csrf: formToken(this.secrets.idSecret, token),
        expectedAmount: summary.dueAmount,
        payLabel: summary.due,
        allowSave: session.allow_save_card,
        error: error ?? null,
      },
      { title: 'Checkout', testMode: ctx.mode === 'test', formTargets: [origin(session.success_url)] },
    );
  }

  private async afterCheckoutPayment(res: unknown, token: string, outcome: HostedOutcome): Promise<void> {
    const found = (await this.session(token))!;
    if (outcome.kind === 'paid' && found.session.status === 'completed') return this.pages.redirect(res, this.successUrl(found.session), [origin(found.session.success_url)]);
    if (outcome.kind === 'challenge') return this.pages.redirect(res, `/checkout/${token}/challenge`);
    this.showSession(res, token, found, outcome.kind === 'refused' ? 402 : 200, outcome.kind === 'refused' ? outcome.message : undefined);
  }

  private successUrl(session: CheckoutSession): string {
    return session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);
  }

  private showInvoice(res: unknown, token: string, found: Found & { invoice: Invoice; owner: InvoiceOwner }, status: number, error?: string): void {
    const { ctx, order, invoice, owner } = found;
    const summary = orderSummary(order);
    const state = invoiceStatus(invoice, order);
    const payable = (state === 'open' || state === 'partially_paid') && summary.dueAmount > 0;
    const f = (amount: number) => formatMoney(amount, order.currency);
    this.pages.send(
      res,
      status,
      'invoice',
      {
        number: invoice.number,
        billedTo: owner.customer_name ?? invoice.customer_id,
        issuedAt: invoice.issued_at?.slice(0, 10),
        dueAt: invoice.due_at?.slice(0, 10),
        overdue: invoice.overdue_at !== null && payable,
        status: state.replaceAll('_', ' '),
        memo: invoice.memo,
        summary,
        received: order.manual_payments.filter((mp) => mp.reversed_at === null).map((mp) => ({ amount: f(mp.amount), method: mp.method.replaceAll('_', ' '), date: mp.received_at.slice(0, 10), reference: mp.reference })),
        payable,
        notPayable: state === 'paid' ? 'This invoice is paid. Thank you.' : state === 'void' ? 'This invoice was voided: nothing is due.' : state === 'uncollectible' ? 'This invoice is closed. Contact the merchant.' : 'Nothing is due now.',
        action: `/i/${token}/pay`,
        csrf: formToken(this.secrets.idSecret, token),
        expectedAmount: summary.dueAmount,
        payLabel: summary.due,
        allowSave: false,
        error: error ?? null,
      },
      { title: `Invoice ${invoice.number ?? ''}`, testMode: ctx.mode === 'test' },
    );
  }

  private async afterInvoicePayment(res: unknown, token: string, outcome: HostedOutcome): Promise<void> {
    if (outcome.kind === 'challenge') return this.pages.redirect(res, `/i/${token}/challenge`);
    if (outcome.kind === 'paid') return this.pages.redirect(res, `/i/${token}`);
    this.showInvoice(res, token, (await this.invoice_(token))!, 402, outcome.message);
  }

  private showChallenge(res: unknown, found: Found, intentId: string, action: string, token: string, formTargets: string[] = []): void {
    const intent = found.order.payment_intents.find((pi) => pi.id === intentId)!;
    this.pages.send(
      res,
      200,
      'challenge',
      {
        amount: formatMoney(intent.confirming_amount ?? intent.amount ?? 0, found.order.currency),
        merchant: found.merchant,
        last4: intent.payment_method?.last4 ?? '••••',
        action,
        csrf: formToken(this.secrets.idSecret, token),
      },
      { title: 'Confirm your payment', testMode: found.ctx.mode === 'test', formTargets },
    );
  }

  private message(res: unknown, status: number, ctx: Pick<RequestContext, 'mode'> | null, data: { heading: string; message: string; tone: string; link: { href: string; text: string } | null }, formTargets: string[] = []): void {
    const options: PageOptions = { title: data.heading, testMode: ctx?.mode === 'test', formTargets };
    this.pages.send(res, status, 'message', data, options);
  }

  private notFound(res: unknown): void {
    this.message(res, 404, null, { heading: 'Page not found', message: 'This link is not valid. Check it with whoever sent it to you.', tone: 'bad', link: null });
  }

  private forbidden(res: unknown, ctx: RequestContext): void {
    this.message(res, 403, ctx, { heading: 'This form could not be sent', message: 'Reload the page and try again.', tone: 'bad', link: null });
  }
}

function formOf(req: OrdoRequest): Record<string, string | undefined> {
  const body = req.body;
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') out[key] = value;
  return out;
}

function cardOf(form: Record<string, string | undefined>): CardInput | undefined {
  const number = (form.card_number ?? '').replace(/[\s-]/g, '');
  const { exp_month, exp_year, cvc } = form;
  if (!/^\d{12,19}$/.test(number) || !exp_month || !/^\d{1,2}$/.test(exp_month) || !exp_year || !/^\d{2,4}$/.test(exp_year) || !cvc || !/^\d{3,4}$/.test(cvc)) return undefined;
  return { number, exp_month, exp_year: exp_year.length === 2 ? `20${exp_year}` : exp_year, cvc };
}

function wholeNumber(value: string | undefined): number {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : -1;
}

function origin(url: string): string {
  return new URL(url).origin;
}

