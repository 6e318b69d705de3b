import { bearer, eventCount, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Payment links over HTTP: each buyer gets a new order and checkout; the completion limit holds
 * exactly when buyers arrive at once; deactivation; refusals that write nothing; tenancy.
 */
describe('payment links', () => {
  let t: TestApp;
  const auth = () => bearer(t.keys.aTest);

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
  });
  afterAll(() => t.close());

  const createLink = async (body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/v1/payment-links')
        .set(auth())
        .send({ currency: 'USD', line_items: [{ name: 'Poster', unit_price_money: usd(1500), quantity: 1, adjustable_quantity: { minimum: 1, maximum: 4 } }], ...body })
        .expect(201)
    ).body.data;

  /** What a buyer's browser does: read the page (for its form token), post it, follow to checkout. */
  async function startAsBuyer(link: { url: string }, quantity = '1') {
    const path = new URL(link.url).pathname;
    const page = await t.http.get(path);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
    // A page without the form (sold out, inactive) is where that buyer stops.
    if (!csrf) return page;
    return t.http.post(path).type('form').send({ csrf, quantity_0: quantity });
  }

  async function payCheckout(location: string) {
    const page = await t.http.get(location).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const amount = /name="expected_amount" value="(\d+)"/.exec(page.text)![1]!;
    return t.http.post(`${location}/pay`).type('form').send({ csrf, expected_amount: amount, card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123' });
  }

  it('gives each buyer a new order priced with the quantity they chose', async () => {
    const link = await createLink();
    expect(link).toMatchObject({ object: 'payment_link', status: 'active', completed_count: 0, url: expect.stringMatching(/\/l\/plt_/) });
    const first = await startAsBuyer(link, '3');
    const second = await startAsBuyer(link, '1');
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.location).not.toBe(second.headers.location);
    const sessions = (await t.http.get(`/v1/checkout-sessions?payment_link_id=${link.id}`).set(auth()).expect(200)).body.data;
    expect(sessions.map((s: { amount_due_money: { amount: number } }) => s.amount_due_money.amount).sort()).toEqual([1500, 4500]);
    expect((await startAsBuyer(link, '9')).status).toBe(422);
  });

  it('counts completions exactly when buyers arrive at once: a limit of 3 opens 3 checkouts of 8', async () => {
    const link = await createLink({ completion_limit: 3 });
    const pages = await Promise.all(Array.from({ length: 8 }, () => startAsBuyer(link)));
    const started = pages.filter((r) => r.status === 303);
    expect(started).toHaveLength(3);
    expect(pages.filter((r) => r.status === 410).every((r) => r.text.includes('Sold out'))).toBe(true);
    const paid = await Promise.all(started.map((r) => payCheckout(r.headers.location!)));
    expect(paid.map((r) => r.status)).toEqual([303, 303, 303]);
    for (let i = 0; i < 50 && (await t.http.get(`/v1/payment-links/${link.id}`).set(auth())).body.data.completed_count < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await t.http.get(`/v1/payment-links/${link.id}`).set(auth())).body.data.completed_count).toBe(3);
    expect((await startAsBuyer(link)).status).toBe(410);
  });

  it('a deactivated link opens no checkout; activated again it does', async () => {
    const link = await createLink();
    await t.http.post(`/v1/payment-links/${link.id}/deactivate`).set(auth()).expect(200);
    const refused = await startAsBuyer(link);
    expect(refused.status).toBe(410);
    expect(refused.text).toContain('This link is not active');
    await t.http.post(`/v1/payment-links/${link.id}/activate`).set(auth()).expect(200);
    expect((await startAsBuyer(link)).status).toBe(303);
  });

  it('refuses bad links with a 4xx and writes nothing', async () => {
    const before = eventCount(t.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ currency: 'USD', line_items: [] }, 400, 'EMPTY_PAYMENT_LINK'],
      [{ currency: 'USD', line_items: [{ name: 'x', unit_price_money: usd(100), quantity: 5, adjustable_quantity: { minimum: 1, maximum: 3 } }] }, 400, 'INVALID_ADJUSTABLE_QUANTITY'],
      [{ currency: 'USD', line_items: [{ name: 'x', unit_price_money: usd(100) }], completion_limit: 0 }, 400, 'INVALID_COMPLETION_LIMIT'],
      [{ currency: 'USD', line_items: [{ name: 'x', unit_price_money: { amount: 100, currency: 'EUR' } }] }, 422, 'CURRENCY_MISMATCH'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.http.post('/v1/payment-links').set(auth()).send(body);
      expect([code, res.status, res.body.error?.code]).toEqual([code, status, code]);
    }
    expect(eventCount(t.db)).toBe(before);
  });

  it('lists links newest first in cursor pages, without overlap', async () => {
    const made = [await createLink(), await createLink(), await createLink()].map((l) => l.id).reverse();
    const first = (await t.http.get('/v1/payment-links?page_size=2').set(auth()).expect(200)).body;
    const second = (await t.http.get(`/v1/payment-links?page_size=2&page_token=${first.next_page_token}`).set(auth()).expect(200)).body;
    expect(first.data.map((l: { id: string }) => l.id)).toEqual(made.slice(0, 2));
    expect(second.data[0].id).toBe(made[2]);
    expect((await t.http.get('/v1/payment-links?page_token=nonsense').set(auth()).expect(400)).body.error.code).toBe('INVALID_PAGE_TOKEN');
  });

  it("another merchant's (or the other mode's) link is 404", async () => {
    const link = await createLink();
    for (const key of [t.keys.bTest, t.keys.aLive]) {
      expect((await t.http.get(`/v1/payment-links/${link.id}`).set(bearer(key)).expect(404)).body.error.code).toBe('PAYMENT_LINK_NOT_FOUND');
      await t.http.post(`/v1/payment-links/${link.id}/deactivate`).set(bearer(key)).expect(404);
    }
    expect((await t.http.get(`/l/${link.id}`).expect(404)).text).toContain('Page not found');
  });
});
