import { ProcessorNotFoundError, ProcessorRejectedError } from '../processor-errors.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor.completeAction', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  async function challenge(capture: boolean): Promise<{ actionId: string; authorizationId: string }> {
    const result = await t.processor.authorize({ idempotencyKey: t.key(), token: 'tok_threeDSecureRequired', amount: 4000, currency: 'EUR', capture, mode: 'test' });
    if (result.status !== 'requires_action') throw new Error(`expected requires_action, got ${result.status}`);
    return result;
  }

  it('approve on a hold → authorized, capturable afterwards', async () => {
    const { actionId, authorizationId } = await challenge(false);
    const result = await t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'approve' });
    expect(result).toEqual({ status: 'authorized', authorizationId, amount: 4000, currency: 'EUR' });
    await expect(t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 4000, final: true })).resolves.toMatchObject({ status: 'captured' });
  });

  it('approve on a sale → captured with one charge', async () => {
    const { actionId, authorizationId } = await challenge(true);
    const result = await t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'approve' });
    expect(result).toEqual({ status: 'captured', chargeId: expect.stringMatching(/^ch_/), authorizationId, amount: 4000, currency: 'EUR' });
    expect(t.processor.countCharges(authorizationId)).toBe(1);
  });

  it('fail → declined authentication_failed, nothing held', async () => {
    const { actionId, authorizationId } = await challenge(true);
    const result = await t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'fail' });
    expect(result).toEqual({ status: 'declined', code: 'authentication_failed', message: expect.any(String) });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'declined', authorized: 0, captured: 0 });
    expect(t.processor.countCharges(authorizationId)).toBe(0);
  });

  it('resolves once: a second completion with a new key is rejected action_not_pending', async () => {
    const { actionId } = await challenge(true);
    await t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'approve' });
    await expect(t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'approve' })).rejects.toMatchObject({
      code: 'action_not_pending',
      constructor: ProcessorRejectedError,
    });
    await expect(t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'fail' })).rejects.toMatchObject({ code: 'action_not_pending' });
  });

  it('a pending challenge cannot be captured, can be voided (releasing nothing), and then cannot complete', async () => {
    const { actionId, authorizationId } = await challenge(false);
    await expect(t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 1, final: false })).rejects.toMatchObject({
      code: 'authorization_not_capturable',
    });
    await expect(t.processor.void({ idempotencyKey: t.key(), authorizationId })).resolves.toEqual({ status: 'voided', released: 0 });
    await expect(t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'approve' })).rejects.toMatchObject({ code: 'action_not_pending' });
  });

  it('an unknown action is not found', async () => {
    await expect(t.processor.completeAction({ idempotencyKey: t.key(), actionId: 'act_nope', outcome: 'approve' })).rejects.toMatchObject({
      code: 'no_such_action',
      constructor: ProcessorNotFoundError,
    });
  });

  it('validates the outcome', async () => {
    const { actionId } = await challenge(false);
    await expect(t.processor.completeAction({ idempotencyKey: t.key(), actionId, outcome: 'maybe' as 'approve' })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
