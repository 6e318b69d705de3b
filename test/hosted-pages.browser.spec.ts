import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { buildOnce, killAll, runBuiltCli, startBuiltServer, type BuiltServer } from './support/built-server.js';
import { describeInBrowser, launchBrowser, screenshot, seriousViolations } from './support/browser.js';

/*
 * The hosted pages in real headless Chromium against the real server process (its logs are read
 * at the end for card data). Every page visited is checked by axe-core and photographed into
 * screenshots/ (README). The expired-session case moves time, so it runs in
 * hosted-expiry.browser.spec.ts on an in-process app with a movable clock.
 */

const SUCCESS_CARD = '4242 4242 4242 4242';
const DECLINED_CARD = '4000 0000 0000 0002';
const CHALLENGE_CARD = '4000 0025 0000 3155';
const CARDS = [SUCCESS_CARD, DECLINED_CARD, CHALLENGE_CARD].map((c) => c.replaceAll(' ', ''));
const CVC = '987';

describeInBrowser('hosted pages in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-browser-'));
  const port = 45000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;
  const env = { ORDO_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'debug', ORDO_API_REFERENCE: 'off', ORDO_PUBLIC_URL: base, ORDO_RATE_LIMIT_WRITES: '0', ORDO_RATE_LIMIT_READS: '0' };
  let server: BuiltServer;
  let browser: Browser;
  let shop: Server;
  let shopUrl: string;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    await buildOnce();
    server = await startBuiltServer(env, true);
    keyA = /ordo_test_[A-Za-z0-9]+/.exec(server.output())![0];
    keyB = /ordo_test_[A-Za-z0-9]+/.exec(runBuiltCli(env, 'merchant:create', 'Merchant B'))![0];
    // The merchant's own site: where success and cancel redirects land.
    shop = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Shop</title><h1>Shop page ${req.url}</h1></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.close(resolve));
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const json = (await res.json()) as { data: Record<string, any>; error?: { code: string } };
    return { status: res.status, ...json };
  };
  const usd = (amount: number) => ({ amount, currency: 'USD' });

  async function quickSession(amount = 2500) {
    const res = await api(keyA, 'POST', '/v1/checkout-sessions', {
      line_items: [
        { name: 'Concert ticket', quantity: 2, unit_price_money: usd(amount) },
        { name: 'Booking fee', unit_price_money: usd(300) },
      ],
      success_url: `${shopUrl}/thanks?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${shopUrl}/cart`,
    });
    expect(res.status).toBe(201);
    return res.data;
  }

  async function fillCard(page: Page, number: string) {
    await page.getByLabel('Card number').fill(number);
    await page.getByLabel('Expiry month').fill('12');
    await page.getByLabel('Expiry year').fill('2030');
    await page.getByLabel('Security code (CVC)').fill(CVC);
  }

  async function visit(page: Page, url: string, shot: string) {
    const response = await page.goto(url);
    await screenshot(page, shot);
    expect(await seriousViolations(page)).toEqual([]);
    return response;
  }

  async function payPage() {
    const context = await browser.newContext();
    return { context, page: await context.newPage() };
  }

  it('pays a checkout with a success card: redirect to the success URL, order paid', async () => {
    const session = await quickSession();
    const { context, page } = await payPage();
    const response = await visit(page, session.url, 'checkout');
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.getByTestId('amount-due').textContent()).resolves.toBe('$53.00');
    // Mobile: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'checkout-mobile');
    expect(await page.evaluate('document.documentElement.scrollWidth <= 375')).toBe(true);
    await fillCard(page, SUCCESS_CARD);
    await page.getByRole('button', { name: 'Pay $53.00' }).click();
    await page.waitForURL(`${shopUrl}/thanks?session=${session.id}`);
    const after = await api(keyA, 'GET', `/v1/checkout-sessions/${session.id}`);
    expect(after.data).toMatchObject({ status: 'completed', amount_due_money: usd(5300), payment_intent_id: expect.stringMatching(/^pi_/) });
    const order = await api(keyA, 'GET', `/v1/orders/${session.order_id}`);
    expect(order.data.payment_status).toBe('paid');
    // The session's page now says so.
    await visit(page, session.url, 'checkout-success');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Payment successful');
    await context.close();
  });

  it('a declined card shows the error inline; a good card then pays', async () => {
    const session = await quickSession(1000);
    const { context, page } = await payPage();
    await page.goto(session.url);
    await fillCard(page, DECLINED_CARD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your card was declined');
    await screenshot(page, 'checkout-declined');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await api(keyA, 'GET', `/v1/checkout-sessions/${session.id}`)).data.status).toBe('open');
    // The card number is not put back into the form.
    await expect(page.getByLabel('Card number').inputValue()).resolves.toBe('');
    await fillCard(page, SUCCESS_CARD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/thanks\?session=/);
    const intents = await api(keyA, 'GET', `/v1/payment-intents?order_id=${session.order_id}`);
    expect(intents.data.map((pi: { status: string }) => pi.status).sort()).toEqual(['requires_payment_method', 'succeeded']);
    await context.close();
  });

  it('the 3-D Secure challenge page: approving pays, failing does not', async () => {
    const approved = await quickSession(1200);
    const { context, page } = await payPage();
    await page.goto(approved.url);
    await fillCard(page, CHALLENGE_CARD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/challenge$/);
    await screenshot(page, 'challenge');
    expect(await seriousViolations(page)).toEqual([]);
    await expect(page.getByRole('main').textContent()).resolves.toContain('ending 3155');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL(/\/thanks\?session=/);
    expect((await api(keyA, 'GET', `/v1/checkout-sessions/${approved.id}`)).data.status).toBe('completed');

    const failed = await quickSession(1300);
    await page.goto(failed.url);
    await fillCard(page, CHALLENGE_CARD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/challenge$/);
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('could not be authenticated');
    const after = await api(keyA, 'GET', `/v1/checkout-sessions/${failed.id}`);
    expect(after.data.status).toBe('open');
    expect((await api(keyA, 'GET', `/v1/orders/${failed.order_id}`)).data.payment_status).toBe('unpaid');
    await context.close();
  });

  it("a payment made through the API sends the buyer to its hosted 3-D Secure page (next_action.redirect_url)", async () => {
    const created = await api(keyA, 'POST', '/v1/payment-intents', { amount_money: usd(4200), payment_method: { token: 'tok_threeDSecureRequired' }, confirm: true });
    expect(created.data).toMatchObject({ status: 'requires_action', next_action: { type: 'authenticate_card', redirect_url: expect.stringContaining('/authenticate/') } });
    const { context, page } = await payPage();
    await visit(page, created.data.next_action.redirect_url, 'challenge-api');
    await expect(page.getByRole('main').textContent()).resolves.toContain('$42.00');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Payment confirmed');
    expect((await api(keyA, 'GET', `/v1/payment-intents/${created.data.id}`)).data).toMatchObject({ status: 'succeeded', next_action: null });
    // The signature is the credential: a wrong one is the 404 page.
    const forged = created.data.next_action.redirect_url.replace(/\/[^/]+$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await page.goto(forged))!.status()).toBe(404);
    await context.close();
  });

  it('a payment link used twice makes two orders, and counts two completions', async () => {
    const link = await api(keyA, 'POST', '/v1/payment-links', {
      currency: 'USD',
      line_items: [
        { name: 'T-shirt', unit_price_money: usd(2000), quantity: 1, adjustable_quantity: { minimum: 1, maximum: 5 } },
        { name: 'Shipping', unit_price_money: usd(500) },
      ],
      completion_limit: 10,
    });
    expect(link.status).toBe(201);
    for (const [buyer, quantity] of [
      [1, '2'],
      [2, '1'],
    ] as const) {
      const { context, page } = await payPage();
      await visit(page, link.data.url, 'payment-link');
      await page.getByLabel('Quantity of T-shirt').fill(quantity);
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      await page.waitForURL(/\/checkout\/cst_/);
      if (buyer === 1) await screenshot(page, 'payment-link-checkout');
      await fillCard(page, SUCCESS_CARD);
      await page.getByRole('button', { name: /^Pay / }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Payment successful');
      await context.close();
    }
    const sessions = await api(keyA, 'GET', `/v1/checkout-sessions?payment_link_id=${link.data.id}`);
    expect(sessions.data).toHaveLength(2);
    const orders = new Set(sessions.data.map((s: { order_id: string }) => s.order_id));
    expect(orders.size).toBe(2);
    const totals = await Promise.all([...orders].map(async (id) => (await api(keyA, 'GET', `/v1/orders/${id}`)).data));
    expect(totals.map((o) => [o.payment_status, o.amounts.total_money.amount]).sort()).toEqual([
      ['paid', 2500],
      ['paid', 4500],
    ]);
    // The completion is recorded on the link by a reactor on the log: give it a moment.
    for (let i = 0; i < 50 && (await api(keyA, 'GET', `/v1/payment-links/${link.data.id}`)).data.completed_count < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await api(keyA, 'GET', `/v1/payment-links/${link.data.id}`)).data.completed_count).toBe(2);
  });

  it('an invoice partly paid by a wire recorded through the API, then paid on its page', async () => {
    const customer = (await api(keyA, 'POST', '/v1/customers', { name: 'Ada Buyer', email: 'ada@example.com' })).data;
    const order = (await api(keyA, 'POST', '/v1/orders', { currency: 'USD', customer_id: customer.id, line_items: [{ name: 'Consulting', quantity: 4, unit_price_money: usd(2500) }] })).data;
    const draft = (await api(keyA, 'POST', '/v1/invoices', { order_id: order.id, days_until_due: 14, memo: 'Thank you for your business' })).data;
    const issued = (await api(keyA, 'POST', `/v1/invoices/${draft.id}/issue`)).data;
    const { context, page } = await payPage();
    await visit(page, issued.hosted_invoice_url, 'invoice');
    await expect(page.getByTestId('amount-due').textContent()).resolves.toBe('$100.00');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Ada Buyer');

    const wire = await api(keyA, 'POST', `/v1/invoices/${issued.id}/manual-payments`, { amount_money: usd(4000), method: 'wire', received_at: '2026-12-01', reference: 'WIRE-778' });
    expect(wire.status).toBe(201);
    await visit(page, issued.hosted_invoice_url, 'invoice-partly-paid');
    const viaApi = (await api(keyA, 'GET', `/v1/invoices/${issued.id}`)).data;
    expect(viaApi.amount_remaining_money).toEqual(usd(6000));
    await expect(page.getByTestId('amount-due').textContent()).resolves.toBe('$60.00');
    await expect(page.getByRole('main').textContent()).resolves.toContain('$40.00 by wire on 2026-12-01 (reference WIRE-778)');
    await fillCard(page, SUCCESS_CARD);
    await page.getByRole('button', { name: 'Pay $60.00' }).click();
    await expect(page.getByTestId('invoice-status').textContent()).resolves.toBe('paid');
    await screenshot(page, 'invoice-paid');
    expect((await api(keyA, 'GET', `/v1/invoices/${issued.id}`)).data).toMatchObject({ status: 'paid', amount_remaining_money: usd(0) });
    await context.close();
  });

  it('the amount shown is the amount charged: a wire recorded while the page is open is caught', async () => {
    const session = await quickSession(5000);
    const { context, page } = await payPage();
    await page.goto(session.url);
    await api(keyA, 'POST', `/v1/orders/${session.order_id}/manual-payments`, { amount_money: usd(3000), method: 'wire', received_at: '2026-12-01' });
    await fillCard(page, SUCCESS_CARD);
    await page.getByRole('button', { name: 'Pay $103.00' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('amount due has changed');
    await expect(page.getByTestId('amount-due').textContent()).resolves.toBe('$73.00');
    expect((await api(keyA, 'GET', `/v1/checkout-sessions/${session.id}`)).data.amount_due_money).toEqual(usd(7300));
    await context.close();
  });

  it('checkout can be completed with the keyboard only', async () => {
    const session = await quickSession(700);
    const { context, page } = await payPage();
    await page.goto(session.url);
    const focused = () => page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.textContent)');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Skip to content');
    const typed: [string, string][] = [
      ['card-number', SUCCESS_CARD],
      ['exp-month', '12'],
      ['exp-year', '2030'],
      ['cvc', CVC],
    ];
    for (const [id, text] of typed) {
      await page.keyboard.press('Tab');
      await expect(focused()).resolves.toBe(id);
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toMatch(/^Pay \$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thanks\?session=/);
    expect((await api(keyA, 'GET', `/v1/checkout-sessions/${session.id}`)).data.status).toBe('completed');
    await context.close();
  });

  it("another merchant's session, link and invoice ids are 404 in the API and as pages", async () => {
    const session = await quickSession(100);
    const link = (await api(keyA, 'POST', '/v1/payment-links', { currency: 'USD', line_items: [{ name: 'Mug', unit_price_money: usd(900) }] })).data;
    const customer = (await api(keyA, 'POST', '/v1/customers', { name: 'Bo' })).data;
    const order = (await api(keyA, 'POST', '/v1/orders', { currency: 'USD', customer_id: customer.id, line_items: [{ name: 'Work', quantity: 1, unit_price_money: usd(1000) }] })).data;
    const invoice = (await api(keyA, 'POST', '/v1/invoices', { order_id: order.id })).data;
    await api(keyA, 'POST', `/v1/invoices/${invoice.id}/issue`);
    for (const path of [`/v1/checkout-sessions/${session.id}`, `/v1/payment-links/${link.id}`, `/v1/invoices/${invoice.id}`]) {
      const res = await api(keyB, 'GET', path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await api(keyB, 'POST', `/v1/checkout-sessions/${session.id}/close`)).status).toBe(404);
    expect((await api(keyB, 'POST', `/v1/payment-links/${link.id}/deactivate`)).status).toBe(404);
    // A page is found by its unguessable token only: an object id, or a token nobody was given, is the same 404 page.
    const { context, page } = await payPage();
    for (const path of [`/checkout/${session.id}`, `/l/${link.id}`, `/i/${invoice.id}`, '/checkout/cst_0000000000000000nobody']) {
      const res = await page.goto(`${base}${path}`);
      expect([path, res!.status()]).toEqual([path, 404]);
    }
    await screenshot(page, 'not-found');
    expect(await seriousViolations(page)).toEqual([]);
    // A form posted from another site is refused without acting.
    const forged = await fetch(`${base}${new URL(session.url).pathname}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      body: new URLSearchParams({ card_number: SUCCESS_CARD, exp_month: '12', exp_year: '2030', cvc: CVC, expected_amount: '300' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await api(keyA, 'GET', `/v1/payment-intents?order_id=${session.order_id}`)).data).toEqual([]);
    await context.close();
  });

  it('after the flows, no test card number or CVC is in the database files or the logs', async () => {
    const files = readdirSync(dir).map((f) => join(dir, f));
    expect(files.some((f) => f.endsWith('ordo.db'))).toBe(true);
    const haystacks = [...files.map((f) => [f, readFileSync(f).toString('latin1')] as const), ['server output', server.output()] as const];
    expect(server.output().length).toBeGreaterThan(1000);
    for (const [name, text] of haystacks) {
      for (const card of CARDS) expect([name, text.includes(card)]).toEqual([name, false]);
      expect([name, /cvc\W{0,6}987/i.test(text)]).toEqual([name, false]);
      expect([name, /card_number/.test(text)]).toEqual([name, false]);
    }
  });
});
