import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

const MASTERCARD = '5555555555554444';
const card = (overrides: Record<string, unknown> = {}) => ({ card: { number: MASTERCARD, exp_month: 12, exp_year: 2031, cvc: '737', ...overrides } });

describe('Test card tokens (e2e, sandbox processor)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('turns a test card into a token that pays; only brand, last4 and expiry come back', async () => {
    const token = (await t.http.post('/v1/tokens').set(bearer(t.keys.aTest)).send(card()).expect(201)).body.data;
    expect(token).toEqual({ id: expect.stringMatching(/^tok_/), object: 'token', card: { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2031 } });

    const pi = (
      await t.http
        .post('/v1/payment-intents')
        .set(bearer(t.keys.aTest))
        .send({ amount_money: { amount: 2500, currency: 'USD' }, payment_method: { token: token.id }, confirm: true })
        .expect(201)
    ).body.data;
    expect(pi).toMatchObject({ status: 'succeeded', captured_money: usd(2500) });
    expect(pi.payment_method.card).toEqual({ brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2031 });
  });

  it("another merchant cannot use a merchant's token: NO_SUCH_TOKEN, as for a token never issued", async () => {
    const token = (await t.http.post('/v1/tokens').set(bearer(t.keys.aTest)).send(card()).expect(201)).body.data;
    const pay = (key: string, tok: string) =>
      t.http.post('/v1/payment-intents').set(bearer(key)).send({ amount_money: { amount: 1000, currency: 'USD' }, payment_method: { token: tok }, confirm: true });
    const foreign = await pay(t.keys.bTest, token.id).expect(422);
    const unknown = await pay(t.keys.bTest, 'tok_neverIssued123').expect(422);
    expect(foreign.body.error.code).toBe('NO_SUCH_TOKEN');
    expect({ ...foreign.body.error, request_id: undefined }).toEqual({ ...unknown.body.error, request_id: undefined });
    expect((await t.http.get('/v1/payment-intents').set(bearer(t.keys.bTest)).expect(200)).body.data).toEqual([]);
  });

  it.each([
    ['a number that fails the check digit', 'INVALID_CARD_NUMBER', 'card.number', { number: '5555555555554445' }],
    ['a real-looking number that is not a test card', 'INVALID_CARD_NUMBER', 'card.number', { number: '4111111111111111' }],
    ['an expired card', 'INVALID_EXPIRY', 'card.exp_year', { exp_year: 2020 }],
    ['a 4-digit CVC on a mastercard', 'INVALID_CVC', 'card.cvc', { cvc: '1234' }],
  ])('refuses %s with 422 %s', async (_what, code, field, overrides) => {
    const res = await t.http.post('/v1/tokens').set(bearer(t.keys.aTest)).send(card(overrides)).expect(422);
    expect(res.body.error).toMatchObject({ code, field });
  });

  it('refuses malformed card data with 400 INVALID_FIELD and a live key with 422 PROCESSOR_NOT_CONFIGURED', async () => {
    expect((await t.http.post('/v1/tokens').set(bearer(t.keys.aTest)).send({ card: { number: 'abc' } }).expect(400)).body.error.code).toBe('INVALID_FIELD');
    expect((await t.http.post('/v1/tokens').set(bearer(t.keys.aLive)).send(card()).expect(422)).body.error.code).toBe('PROCESSOR_NOT_CONFIGURED');
  });

  it('never writes the card number to any file Ordo or the sandbox keeps (the CVC is checked in libs/processor)', async () => {
    // Under an Idempotency-Key too (the key store keeps the answer), then every file of the data directory is scanned as bytes.
    await t.http.post('/v1/tokens').set(bearer(t.keys.aTest)).set('Idempotency-Key', 'tok-scan-1').send(card({ number: '5555 5555 5555 4444' })).expect(201);
    const files = readdirSync(t.dir).map((f) => join(t.dir, f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      expect([file, bytes.includes(MASTERCARD), bytes.includes('5555 5555 5555 4444')]).toEqual([file, false, false]);
    }
  });
});
