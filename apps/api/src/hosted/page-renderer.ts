import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Eta } from 'eta';
import { LAYOUT } from './templates/layout.js';
import { CHALLENGE, CHECKOUT, INVOICE, LINK, MESSAGE } from './templates/pages.js';

const TEMPLATES = { checkout: CHECKOUT, invoice: INVOICE, challenge: CHALLENGE, link: LINK, message: MESSAGE } as const;
export type PageName = keyof typeof TEMPLATES;

export interface PageOptions {
  title: string;
  testMode: boolean;
  /** Origins a form on the page may end up at (the merchant's success URL after a redirect). */
  formTargets?: readonly string[];
}

/**
 * Renders hosted pages (Eta, escaping by default) and sends them with the headers every page
 * carries: a Content-Security-Policy with no script at all, no framing, forms only to this origin
 * (and the redirect targets named), no referrer (the URL's token must not leak), no caching (a
 * card form is never stored). Only the adapter's reply/setHeader/redirect are used, so express
 * and fastify serve pages alike.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({ autoEscape: true, cache: true });
  private readonly compiled = new Map<PageName, ReturnType<Eta['compile']>>();
  private readonly layout: ReturnType<Eta['compile']>;

  constructor(private readonly adapterHost: HttpAdapterHost) {
    for (const [name, template] of Object.entries(TEMPLATES)) this.compiled.set(name as PageName, this.eta.compile(template));
    this.layout = this.eta.compile(LAYOUT);
  }

  html(page: PageName, data: Record<string, unknown>, options: PageOptions): string {
    const body = this.eta.render(this.compiled.get(page)!, data);
    return this.eta.render(this.layout, { title: options.title, testMode: options.testMode, body });
  }

  send(res: unknown, status: number, page: PageName, data: Record<string, unknown>, options: PageOptions): void {
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(securityHeaders(options.formTargets ?? []))) adapter.setHeader(res, name, value);
    adapter.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
    adapter.reply(res, this.html(page, data, options), status);
  }

  /** 303 See Other: after a form post the browser fetches the next page with GET. */
  redirect(res: unknown, url: string, formTargets: readonly string[] = []): void {
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(securityHeaders(formTargets))) adapter.setHeader(res, name, value);
    adapter.redirect(res, 303, url);
  }
}

export function securityHeaders(formTargets: readonly string[]): Record<string, string> {
  const forms = ["'self'", ...formTargets].join(' ');
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action ${forms}; frame-ancestors 'none'; base-uri 'none'`,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  };
}
