import type { AuthorizeRequest } from '../processor-requests.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor: saved cards charged later', () => {
  let t: TempSandbox;
  const request = (patch: Partial<AuthorizeRequest> = {}): AuthorizeRequest => ({
    idempotencyKey: t.key(),
    token: 'tok_visa',
    amount: 2500,
    currency: 'USD',
    capture: true,
    mode: 'test',
    ...patch,
  });
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  it('the authentication-required card succeeds with the buyer present and is declined authentication_required off-session', async () => {
    const token = 'tok_authenticationRequiredOffSession';
    expect((await t.processor.authorize(request({ token }))).status).toBe('captured');
    expect(await t.processor.authorize(request({ token, offSession: true }))).toEqual({
      status: 'declined',
      code: 'authentication_required',
      message: expect.stringContaining('confirm'),
    });
  });

  it('a 3-D Secure card asks for a challenge on-session; off-session nobody can answer it, so it is declined', async () => {
    expect((await t.processor.authorize(request({ token: 'tok_threeDSecureRequired' }))).status).toBe('requires_action');
    expect(await t.processor.authorize(request({ token: 'tok_threeDSecureRequired', offSession: true }))).toMatchObject({ status: 'declined', code: 'authentication_required' });
  });

  it('the declines-after-three card approves three authorizations of its token, then declines card_declined', async () => {
    const { token } = await t.processor.tokenize({ number: '4000 0000 0000 0341', exp_month: 12, exp_year: 2040, cvc: '123', mode: 'test', now: new Date('2026-01-01T00:00:00Z') });
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.processor.authorize(request({ token, offSession: true }))).status);
    expect(statuses).toEqual(['captured', 'captured', 'captured', 'declined', 'declined']);
    // Counted per token: a fresh token of the same card starts again.
    const other = await t.processor.tokenize({ number: '4000000000000341', exp_month: 12, exp_year: 2040, cvc: '123', mode: 'test', now: new Date('2026-01-01T00:00:00Z') });
    expect((await t.processor.authorize(request({ token: other.token }))).status).toBe('captured');
  });

  it('off-session is part of what a key stands for: the same key with offSession changed is a mismatch', async () => {
    const idempotencyKey = t.key();
    await t.processor.authorize(request({ idempotencyKey }));
    await expect(t.processor.authorize(request({ idempotencyKey, offSession: true }))).rejects.toThrow(/idempotency/i);
    // offSession: false is the on-session request it always was: a replay.
    expect((await t.processor.authorize(request({ idempotencyKey, offSession: false }))).status).toBe('captured');
  });
});
