import { TEST_CARDS } from '../cards/test-cards.js';
import { InvalidCardError, ProcessorNotConfiguredError, ProcessorValidationError } from '../processor-errors.js';
import type { TokenizeRequest } from '../processor-requests.js';
import { TempSandbox } from './testing/temp-sandbox.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const visa: TokenizeRequest = { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123', mode: 'test', now: NOW };

describe('SandboxProcessor.tokenize', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  it.each(TEST_CARDS.map((c) => [c.number, c] as const))('tokenizes test card %s to brand, last4 and expiry only', async (_n, card) => {
    const cvc = card.brand === 'amex' ? '1234' : '123';
    const result = await t.processor.tokenize({ ...visa, number: card.number, cvc });
    expect(result).toEqual({ token: expect.stringMatching(/^tok_[A-Za-z0-9]{24}$/), card: { brand: card.brand, last4: card.number.slice(-4), exp_month: 12, exp_year: 2030 } });
    expect(JSON.stringify(result)).not.toContain(card.number.slice(0, -4));
  });

  it('mints a new token each time, and the token can be charged', async () => {
    const a = await t.processor.tokenize(visa);
    const b = await t.processor.tokenize(visa);
    expect(a.token).not.toBe(b.token);
    const charge = await t.processor.authorize({ idempotencyKey: 'k1', token: a.token, amount: 500, currency: 'USD', capture: true, mode: 'test' });
    expect(charge.status).toBe('captured');
  });

  it.each([
    ['invalid_card_number', { number: '4242424242424241' }],
    ['invalid_card_number', { number: '4111111111111111' }],
    ['invalid_expiry', { exp_month: 2, exp_year: 2026 }],
    ['invalid_expiry', { exp_month: 13 }],
    ['invalid_cvc', { cvc: '12' }],
  ])('refuses bad card data with %s and stores nothing', async (code, patch) => {
    const before = t.processor.inspect.totals();
    await expect(t.processor.tokenize({ ...visa, ...patch } as TokenizeRequest)).rejects.toMatchObject({ code, constructor: InvalidCardError });
    expect(t.processor.inspect.totals()).toEqual(before);
  });

  it('takes the expiry decision from the caller clock, not its own', async () => {
    const card = { ...visa, exp_month: 6, exp_year: 2026 };
    await expect(t.processor.tokenize({ ...card, now: new Date('2026-06-30T23:59:59Z') })).resolves.toBeDefined();
    await expect(t.processor.tokenize({ ...card, now: new Date('2026-07-01T00:00:00Z') })).rejects.toMatchObject({ code: 'invalid_expiry' });
  });

  it('accepts card numbers in test mode only', async () => {
    await expect(t.processor.tokenize({ ...visa, mode: 'live' })).rejects.toBeInstanceOf(ProcessorNotConfiguredError);
    await expect(t.processor.tokenize({ ...visa, mode: 'prod' as 'live' })).rejects.toBeInstanceOf(ProcessorValidationError);
  });

  it('refuses a request that is not an object', async () => {
    await expect(t.processor.tokenize(null as unknown as TokenizeRequest)).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
