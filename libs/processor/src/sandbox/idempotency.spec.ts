import { ProcessorIdempotencyMismatchError, ProcessorRejectedError } from '../processor-errors.js';
import type { PaymentProcessor } from '../processor.port.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor idempotency', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  /** The same call twice — the second time after closing and re-opening the file. */
  async function twiceAcrossRestart<R>(call: (p: PaymentProcessor) => Promise<R>): Promise<[R, R]> {
    const first = await call(t.processor);
    const totals = t.processor.inspect.totals();
    const second = await call(await t.reopen());
    expect(t.processor.inspect.totals()).toEqual(totals);
    return [first, second];
  }

  it('authorize (sale): same key, same request → the first result, one charge', async () => {
    const request = { idempotencyKey: 'pi_1:confirm', token: 'tok_visa', amount: 900, currency: 'USD', capture: true, mode: 'test' as const, reference: 'pi_1' };
    const [first, second] = await twiceAcrossRestart((p) => p.authorize(request));
    expect(second).toEqual(first);
    expect(t.processor.inspect.countCharges({ reference: 'pi_1' })).toBe(1);
    expect(t.processor.inspect.authorizationsFor('pi_1')).toHaveLength(1);
  });

  it('completeAction, capture, void, refund: replays answer the first result with no second effect', async () => {
    const auth = await t.processor.authorize({ idempotencyKey: 'a', token: 'tok_threeDSecureRequired', amount: 5000, currency: 'USD', capture: false, mode: 'test' });
    if (auth.status !== 'requires_action') throw new Error('unreachable');
    const [approved, approvedAgain] = await twiceAcrossRestart((p) => p.completeAction({ idempotencyKey: 'b', actionId: auth.actionId, outcome: 'approve' }));
    expect(approvedAgain).toEqual(approved);

    const [cap, capAgain] = await twiceAcrossRestart((p) => p.capture({ idempotencyKey: 'c', authorizationId: auth.authorizationId, amount: 3000, final: false }));
    expect(capAgain).toEqual(cap);
    expect(t.processor.inspect.authorization(auth.authorizationId)).toMatchObject({ captured: 3000 });
    expect(t.processor.inspect.captures(cap.chargeId)).toHaveLength(1);

    const [voided, voidedAgain] = await twiceAcrossRestart((p) => p.void({ idempotencyKey: 'd', authorizationId: auth.authorizationId }));
    expect(voidedAgain).toEqual(voided);
    expect(voided).toEqual({ status: 'voided', released: 2000 });

    const [refunded, refundedAgain] = await twiceAcrossRestart((p) => p.refund({ idempotencyKey: 'e', chargeId: cap.chargeId, amount: 1000 }));
    expect(refundedAgain).toEqual(refunded);
    expect(t.processor.inspect.refunds(cap.chargeId)).toHaveLength(1);
    expect(t.processor.inspect.charge(cap.chargeId)).toMatchObject({ refunded: 1000 });
  });

  it('same key with other parameters or another operation → ProcessorIdempotencyMismatchError, nothing happens', async () => {
    const authorizationId = await t.hold(5000);
    await t.processor.capture({ idempotencyKey: 'cap-1', authorizationId, amount: 1000, final: false });
    const totals = t.processor.inspect.totals();
    await expect(t.processor.capture({ idempotencyKey: 'cap-1', authorizationId, amount: 1001, final: false })).rejects.toBeInstanceOf(
      ProcessorIdempotencyMismatchError,
    );
    await expect(t.processor.capture({ idempotencyKey: 'cap-1', authorizationId, amount: 1000, final: true })).rejects.toMatchObject({ code: 'idempotency_mismatch' });
    await expect(t.processor.void({ idempotencyKey: 'cap-1', authorizationId })).rejects.toBeInstanceOf(ProcessorIdempotencyMismatchError);
    await expect(
      t.processor.authorize({ idempotencyKey: 'cap-1', token: 'tok_visa', amount: 1000, currency: 'USD', capture: true, mode: 'test' }),
    ).rejects.toBeInstanceOf(ProcessorIdempotencyMismatchError);
    expect(t.processor.inspect.totals()).toEqual(totals);
  });

  it('a rejection is the stored answer: a replay rejects the same way, even after a restart', async () => {
    const authorizationId = await t.hold(5000);
    const over = { idempotencyKey: 'over', authorizationId, amount: 6000, final: false };
    await expect(t.processor.capture(over)).rejects.toMatchObject({ code: 'amount_exceeds_authorized' });
    await t.reopen();
    await expect(t.processor.capture(over)).rejects.toMatchObject({ code: 'amount_exceeds_authorized', constructor: ProcessorRejectedError });
    await expect(t.processor.lookup('over')).resolves.toEqual({
      idempotencyKey: 'over',
      operation: 'capture',
      outcome: 'rejected',
      error: { code: 'amount_exceeds_authorized', message: expect.any(String) },
    });
  });

  it('validation and not-found errors are not stored: a corrected retry with the same key runs', async () => {
    await expect(t.processor.authorize({ idempotencyKey: 'fix-me', token: 'tok_visa', amount: 0, currency: 'USD', capture: true, mode: 'test' })).rejects.toMatchObject({
      code: 'invalid_amount',
    });
    await expect(t.processor.authorize({ idempotencyKey: 'fix-me', token: 'tok_typo', amount: 100, currency: 'USD', capture: true, mode: 'test' })).rejects.toMatchObject({
      code: 'no_such_token',
    });
    await expect(t.processor.lookup('fix-me')).resolves.toBeUndefined();
    await expect(t.processor.authorize({ idempotencyKey: 'fix-me', token: 'tok_visa', amount: 100, currency: 'USD', capture: true, mode: 'test' })).resolves.toMatchObject({
      status: 'captured',
    });
  });

  it('lookup: the stored result of a key (what a recovery job asks after a crash), undefined if never seen', async () => {
    await expect(t.processor.lookup('never-sent')).resolves.toBeUndefined();
    const result = await t.processor.authorize({ idempotencyKey: 'pi_9:confirm', token: 'tok_visa', amount: 700, currency: 'GBP', capture: true, mode: 'test' });
    await t.reopen();
    await expect(t.processor.lookup('pi_9:confirm')).resolves.toEqual({ idempotencyKey: 'pi_9:confirm', operation: 'authorize', outcome: 'result', result });
    await expect(t.processor.lookup('')).rejects.toMatchObject({ code: 'invalid_idempotency_key' });
  });

  it('key order and an explicit undefined reference do not make a request "different"', async () => {
    const a = await t.processor.authorize({ idempotencyKey: 'same', token: 'tok_visa', amount: 100, currency: 'USD', capture: false, mode: 'test' });
    const b = await t.processor.authorize({ mode: 'test', capture: false, currency: 'USD', amount: 100, token: 'tok_visa', idempotencyKey: 'same', reference: undefined });
    expect(b).toEqual(a);
  });

  it('a closed sandbox refuses calls instead of half-working', async () => {
    await t.processor.close();
    await expect(t.processor.lookup('x')).rejects.toThrow('closed');
    await t.processor.close(); // idempotent
  });
});
