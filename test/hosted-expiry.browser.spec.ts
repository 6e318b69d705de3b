import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot, seriousViolations } from './support/browser.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/** An expired checkout in Chromium: time moves on an in-process app with a movable clock. */
describeInBrowser('an expired checkout in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const clock = new MovableClock();

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false, checkoutExpiryMs: 0 }, clock);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the expired page, and a form left open from before cannot pay', async () => {
    const session = (
      await t.http
        .post('/v1/checkout-sessions')
        .set(bearer(t.keys.aTest))
        .send({ line_items: [{ name: 'Workshop seat', unit_price_money: usd(9900) }], success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cart', expires_at: new Date(clock.now().getTime() + 40 * 60_000).toISOString() })
        .expect(201)
    ).body.data;
    const path = new URL(session.url).pathname;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}${path}`);
    // The buyer fills the form, walks away; the session's time runs out before they press Pay.
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry month').fill('12');
    await page.getByLabel('Expiry year').fill('2030');
    await page.getByLabel('Security code (CVC)').fill('987');
    clock.offsetMs += 41 * 60_000;
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This checkout has expired');
    expect((await t.http.get(`/v1/payment-intents?order_id=${session.order_id}`).set(bearer(t.keys.aTest))).body.data).toEqual([]);
    const reload = await page.goto(`${base}${path}`);
    expect(reload!.status()).toBe(410);
    await screenshot(page, 'checkout-expired');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Return to the shop' }).waitFor();
    await page.context().close();
  });
});
