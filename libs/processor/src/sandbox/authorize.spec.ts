import { TEST_CARDS, TEST_TOKENS } from '../cards/test-cards.js';
import { ProcessorNotConfiguredError, ProcessorNotFoundError, ProcessorValidationError } from '../processor-errors.js';
import type { AuthorizeRequest } from '../processor-requests.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor.authorize', () => {
  let t: TempSandbox;
  const request = (patch: Partial<AuthorizeRequest> = {}): AuthorizeRequest => ({
    idempotencyKey: t.key(),
    token: 'tok_visa',
    amount: 2500,
    currency: 'USD',
    capture: false,
    mode: 'test',
    ...patch,
  });
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  it('capture=false holds the amount without charging', async () => {
    const result = await t.processor.authorize(request());
    expect(result).toEqual({ status: 'authorized', authorizationId: expect.stringMatching(/^auth_/), amount: 2500, currency: 'USD' });
    if (result.status !== 'authorized') throw new Error('unreachable');
    expect(t.processor.inspect.authorization(result.authorizationId)).toMatchObject({ status: 'authorized', authorized: 2500, captured: 0, released: 0 });
    expect(t.processor.countCharges(result.authorizationId)).toBe(0);
  });

  it('capture=true is a sale: one charge for the full amount', async () => {
    const result = await t.processor.authorize(request({ capture: true, currency: 'JPY', amount: 1200 }));
    expect(result).toEqual({ status: 'captured', chargeId: expect.stringMatching(/^ch_/), authorizationId: expect.stringMatching(/^auth_/), amount: 1200, currency: 'JPY' });
    if (result.status !== 'captured') throw new Error('unreachable');
    expect(t.processor.inspect.charge(result.chargeId)).toEqual({ id: result.chargeId, authorizationId: result.authorizationId, amount: 1200, currency: 'JPY', refunded: 0 });
    expect(t.processor.inspect.authorization(result.authorizationId)).toMatchObject({ status: 'captured', captured: 1200, released: 0 });
  });

  it.each(['tok_visa', 'tok_mastercard', 'tok_amex', 'tok_discover', 'tok_refundFails'])('%s succeeds', async (token) => {
    expect((await t.processor.authorize(request({ token }))).status).toBe('authorized');
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined'],
    ['tok_insufficientFunds', 'insufficient_funds'],
    ['tok_expiredCard', 'expired_card'],
    ['tok_incorrectCvc', 'incorrect_cvc'],
  ])('%s declines with %s, holding nothing', async (token, code) => {
    const result = await t.processor.authorize(request({ token, capture: true, reference: 'pi_declined' }));
    expect(result).toEqual({ status: 'declined', code, message: expect.any(String) });
    const [attempt] = t.processor.inspect.authorizationsFor('pi_declined');
    expect(attempt).toMatchObject({ status: 'declined', declineCode: code, authorized: 0, captured: 0 });
    expect(t.processor.inspect.countCharges({ reference: 'pi_declined' })).toBe(0);
  });

  it('tok_processingError: a retryable error, then a retry with a NEW key succeeds (and so on, alternately)', async () => {
    const token = 'tok_processingError';
    expect(await t.processor.authorize(request({ token }))).toEqual({ status: 'error', code: 'processing_error', retryable: true });
    expect((await t.processor.authorize(request({ token }))).status).toBe('authorized');
    expect((await t.processor.authorize(request({ token }))).status).toBe('error');
    expect((await t.processor.authorize(request({ token, capture: true }))).status).toBe('captured');
  });

  it('a processing error is the stored answer for its key: the same key answers the error again', async () => {
    const first = request({ token: 'tok_processingError' });
    expect((await t.processor.authorize(first)).status).toBe('error');
    expect((await t.processor.authorize(first)).status).toBe('error');
    expect((await t.processor.authorize({ ...first, idempotencyKey: t.key() })).status).toBe('authorized');
  });

  it('tok_threeDSecureRequired asks for an action and holds nothing yet', async () => {
    const result = await t.processor.authorize(request({ token: 'tok_threeDSecureRequired' }));
    expect(result).toEqual({ status: 'requires_action', actionId: expect.stringMatching(/^act_/), authorizationId: expect.stringMatching(/^auth_/) });
    if (result.status !== 'requires_action') throw new Error('unreachable');
    expect(t.processor.inspect.authorization(result.authorizationId)).toMatchObject({ status: 'requires_action', authorized: 0 });
  });

  it('a tokenized test card behaves like the ready-made token with the same last4', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    for (const card of TEST_CARDS) {
      const { token } = await t.processor.tokenize({ number: card.number, exp_month: 1, exp_year: 2030, cvc: card.brand === 'amex' ? '1234' : '123', mode: 'test', now });
      const twin = TEST_TOKENS.find((tt) => tt.last4 === card.number.slice(-4));
      expect(twin?.behaviour).toBe(card.behaviour);
      const viaCard = await t.processor.authorize(request({ token }));
      const viaToken = await t.processor.authorize(request({ token: twin?.token }));
      expect(viaCard.status).toBe(viaToken.status);
      if (viaCard.status === 'declined' && viaToken.status === 'declined') expect(viaCard.code).toBe(viaToken.code);
    }
  });

  it('keeps the reference so the record can be read per payment intent', async () => {
    await t.processor.authorize(request({ reference: 'pi_1', capture: true }));
    await t.processor.authorize(request({ reference: 'pi_2' }));
    expect(t.processor.inspect.countCharges({ reference: 'pi_1' })).toBe(1);
    expect(t.processor.inspect.countCharges({ reference: 'pi_2' })).toBe(0);
    expect(t.processor.inspect.authorizationsFor('pi_2')).toHaveLength(1);
  });

  it('refuses live mode (the sandbox is test-only) and stores nothing', async () => {
    const live = request({ mode: 'live' });
    await expect(t.processor.authorize(live)).rejects.toBeInstanceOf(ProcessorNotConfiguredError);
    await expect(t.processor.lookup(live.idempotencyKey)).resolves.toBeUndefined();
  });

  it('an unknown token is not found, and not stored under the key', async () => {
    const bad = request({ token: 'tok_nope' });
    await expect(t.processor.authorize(bad)).rejects.toMatchObject({ code: 'no_such_token', constructor: ProcessorNotFoundError });
    await expect(t.processor.lookup(bad.idempotencyKey)).resolves.toBeUndefined();
  });

  it.each([
    ['invalid_amount', { amount: 0 }],
    ['invalid_amount', { amount: -1 }],
    ['invalid_amount', { amount: 10.5 }],
    ['invalid_amount', { amount: 1e15 }],
    ['invalid_amount', { amount: '100' }],
    ['invalid_currency', { currency: 'usd' }],
    ['invalid_currency', { currency: 'XXX' }],
    ['invalid_idempotency_key', { idempotencyKey: '' }],
    ['invalid_idempotency_key', { idempotencyKey: 'x'.repeat(256) }],
    ['invalid_request', { capture: 'yes' }],
    ['invalid_request', { token: '' }],
    ['invalid_request', { mode: 'prod' }],
    ['invalid_request', { reference: 42 }],
  ])('validation: %s for %p', async (code, patch) => {
    const before = t.processor.inspect.totals();
    await expect(t.processor.authorize(request(patch as Partial<AuthorizeRequest>))).rejects.toMatchObject({ code, constructor: ProcessorValidationError });
    expect(t.processor.inspect.totals()).toEqual(before);
  });
});
