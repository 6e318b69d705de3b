import { ProcessorNotFoundError, ProcessorRejectedError } from '../processor-errors.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor.capture', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  const capture = (authorizationId: string, amount: number, final = false) => t.processor.capture({ idempotencyKey: t.key('cap'), authorizationId, amount, final });

  it('captures in full', async () => {
    const authorizationId = await t.hold(10_000);
    expect(await capture(authorizationId, 10_000)).toEqual({ status: 'captured', chargeId: expect.stringMatching(/^ch_/), amount: 10_000, currency: 'USD', released: 0 });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'captured', captured: 10_000, released: 0 });
  });

  it('several partial captures up to the authorized amount add to ONE charge; reaching it closes the authorization', async () => {
    const authorizationId = await t.hold(10_000);
    const a = await capture(authorizationId, 3000);
    const b = await capture(authorizationId, 5000);
    const c = await capture(authorizationId, 2000);
    expect(new Set([a.chargeId, b.chargeId, c.chargeId]).size).toBe(1);
    expect(t.processor.countCharges(authorizationId)).toBe(1);
    expect(t.processor.inspect.charge(a.chargeId)).toMatchObject({ amount: 10_000, refunded: 0 });
    expect(t.processor.inspect.captures(a.chargeId).map((x) => x.amount)).toEqual([3000, 5000, 2000]);
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'captured', captured: 10_000, released: 0 });
    await expect(capture(authorizationId, 1)).rejects.toMatchObject({ code: 'authorization_not_capturable' });
  });

  it('a final capture releases the rest and closes the authorization', async () => {
    const authorizationId = await t.hold(10_000);
    await capture(authorizationId, 2500);
    expect(await capture(authorizationId, 4000, true)).toMatchObject({ amount: 4000, released: 3500 });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'captured', authorized: 10_000, captured: 6500, released: 3500 });
    await expect(capture(authorizationId, 1)).rejects.toMatchObject({ code: 'authorization_not_capturable', constructor: ProcessorRejectedError });
  });

  it('refuses more than what remains authorized (amount_exceeds_authorized), then still allows the remainder', async () => {
    const authorizationId = await t.hold(10_000);
    await expect(capture(authorizationId, 10_001)).rejects.toMatchObject({ code: 'amount_exceeds_authorized', constructor: ProcessorRejectedError });
    await capture(authorizationId, 6000);
    await expect(capture(authorizationId, 4001, true)).rejects.toMatchObject({ code: 'amount_exceeds_authorized' });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'authorized', captured: 6000 });
    await expect(capture(authorizationId, 4000)).resolves.toMatchObject({ amount: 4000 });
  });

  it('refuses a capture after void (cancel or expiry)', async () => {
    const authorizationId = await t.hold(10_000);
    await t.processor.void({ idempotencyKey: t.key(), authorizationId });
    await expect(capture(authorizationId, 100)).rejects.toMatchObject({ code: 'authorization_not_capturable' });
  });

  it('refuses to capture a sale (already captured) or a declined attempt', async () => {
    const { authorizationId } = await t.sale(500);
    await expect(capture(authorizationId, 1)).rejects.toMatchObject({ code: 'authorization_not_capturable' });
    await t.processor.authorize({ idempotencyKey: t.key(), token: 'tok_chargeDeclined', amount: 500, currency: 'USD', capture: false, mode: 'test', reference: 'pi_x' });
    const [declined] = t.processor.inspect.authorizationsFor('pi_x');
    await expect(capture(declined!.id, 1)).rejects.toMatchObject({ code: 'authorization_not_capturable' });
  });

  it('an unknown authorization is not found; bad amounts are validation errors', async () => {
    await expect(capture('auth_nope', 1)).rejects.toMatchObject({ code: 'no_such_authorization', constructor: ProcessorNotFoundError });
    const authorizationId = await t.hold(100);
    await expect(capture(authorizationId, 0)).rejects.toMatchObject({ code: 'invalid_amount' });
    await expect(t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 1, final: 'yes' as unknown as boolean })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
