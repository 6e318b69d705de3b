import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, linkOpenFor } from '#ordo/domain';
import { buyerMoney as formatMoney } from './buyer-money.js';
import { PaymentLinksService } from '../payment-links/application/payment-links.service.js';
import { PaymentLinksQueries, type LinkOwner } from '../payment-links/read-model/payment-links.queries.js';
import { Public } from '../platform/auth.guard.js';
import type { OrdoRequest } from '../platform/request-context.js';
import { ServerSecrets } from '../platform/server-secrets.js';
import { Clock } from '../platform/clock.js';
import { formAllowed, formToken } from './form-guard.js';
import { HostedPayments } from './hosted-payments.js';
import { PageRenderer } from './page-renderer.js';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The public page of a payment link: pick quantities, continue to a fresh order's checkout. */
@Public()
@ApiExcludeController()
@Controller('l')
export class HostedLinkPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly links: PaymentLinksQueries,
    private readonly service: PaymentLinksService,
    private readonly payments: HostedPayments,
    private readonly secrets: ServerSecrets,
    private readonly clock: Clock,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: unknown) {
    const link = await this.link(token);
    if (!link) return this.notFound(res);
    this.render(res, token, link, 200);
  }

  @Post(':token')
  async start(@Param('token') token: string, @Req() req: OrdoRequest, @Res() res: unknown) {
    const link = await this.link(token);
    if (!link) return this.notFound(res);
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    if (!formAllowed(req, this.secrets.idSecret, token, form.csrf)) return this.message(res, 403, link, 'This form could not be sent', 'Reload the page and try again.');
    const quantities = link.state.line_items.map((line, i) => {
      const raw = form[`quantity_${i}`];
      return line.adjustable_quantity && typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : null;
    });
    try {
      const sessionToken = await this.service.startCheckout(this.payments.contextFor(link), link.id, token, quantities);
      this.pages.redirect(res, `/checkout/${sessionToken}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'QUANTITY_NOT_ALLOWED') return this.render(res, token, link, 422, error.message);
      this.render(res, token, (await this.link(token))!, 409);
    }
  }

  private async link(token: string): Promise<(LinkOwner & { merchant: string }) | undefined> {
    const owner = TOKEN.test(token) ? await this.links.byToken(token) : undefined;
    return owner ? { ...owner, merchant: await this.payments.merchantName(owner.merchant_id) } : undefined;
  }

  private render(res: unknown, token: string, link: LinkOwner & { merchant: string }, status: number, error?: string): void {
    const open = linkOpenFor(link.state, this.clock.nowIso());
    if (open === 'inactive') return this.message(res, status === 200 ? 410 : status, link, 'This link is not active', 'It takes no payments now. Contact the seller.');
    if (open === 'limit_reached') return this.message(res, status === 200 ? 410 : status, link, 'Sold out', 'This link has reached its limit of payments.');
    const lines = link.state.line_items.map((line) => ({
      name: line.name,
      price: formatMoney(line.unit_price_money.amount, line.unit_price_money.currency),
      quantity: line.quantity,
      adjustable: line.adjustable_quantity !== null,
      min: line.adjustable_quantity?.minimum ?? line.quantity,
      max: line.adjustable_quantity?.maximum ?? line.quantity,
    }));
    const title = `Buy from ${link.merchant}`;
    this.pages.send(res, status, 'link', { title, lines, action: `/l/${token}`, csrf: formToken(this.secrets.idSecret, token), error: error ?? null }, { title, testMode: link.mode === 'test' });
  }

  private message(res: unknown, status: number, link: Pick<LinkOwner, 'mode'> | null, heading: string, message: string): void {
    this.pages.send(res, status, 'message', { heading, message, tone: 'bad', link: null }, { title: heading, testMode: link?.mode === 'test' });
  }

  private notFound(res: unknown): void {
    this.message(res, 404, null, 'Page not found', 'This link is not valid. Check it with whoever sent it to you.');
  }
}
