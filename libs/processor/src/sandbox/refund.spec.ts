import { ProcessorNotFoundError, ProcessorRejectedError } from '../processor-errors.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor.refund', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  const refund = (chargeId: string, amount: number) => t.processor.refund({ idempotencyKey: t.key('re'), chargeId, amount });

  it('refunds in full', async () => {
    const { chargeId } = await t.sale(10_000);
    expect(await refund(chargeId, 10_000)).toEqual({ status: 'succeeded', refundId: expect.stringMatching(/^re_/), amount: 10_000 });
    expect(t.processor.inspect.charge(chargeId)).toMatchObject({ amount: 10_000, refunded: 10_000 });
  });

  it('refunds in parts up to charged − refunded, and refuses more (amount_exceeds_refundable)', async () => {
    const { chargeId } = await t.sale(10_000);
    await refund(chargeId, 1000);
    await refund(chargeId, 4000);
    await expect(refund(chargeId, 5001)).rejects.toMatchObject({ code: 'amount_exceeds_refundable', constructor: ProcessorRejectedError });
    await expect(refund(chargeId, 5000)).resolves.toMatchObject({ status: 'succeeded' });
    await expect(refund(chargeId, 1)).rejects.toMatchObject({ code: 'amount_exceeds_refundable' });
    expect(t.processor.inspect.refunds(chargeId).map((r) => r.amount)).toEqual([1000, 4000, 5000]);
  });

  it('refundable follows what was captured, across partial captures', async () => {
    const authorizationId = await t.hold(10_000);
    const { chargeId } = await t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 3000, final: false });
    await expect(refund(chargeId, 3001)).rejects.toMatchObject({ code: 'amount_exceeds_refundable' });
    await t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 2000, final: true });
    await expect(refund(chargeId, 5000)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('tok_refundFails: the charge works, every refund fails with refund_failed and returns nothing', async () => {
    const { chargeId } = await t.sale(10_000, 'tok_refundFails');
    expect(await refund(chargeId, 2000)).toEqual({ status: 'failed', code: 'refund_failed', refundId: expect.stringMatching(/^re_/), amount: 2000 });
    expect(await refund(chargeId, 10_000)).toMatchObject({ status: 'failed' });
    expect(t.processor.inspect.charge(chargeId)).toMatchObject({ refunded: 0 });
    expect(t.processor.inspect.refunds(chargeId).map((r) => r.status)).toEqual(['failed', 'failed']);
    await expect(refund(chargeId, 10_001)).rejects.toMatchObject({ code: 'amount_exceeds_refundable' });
  });

  it('an unknown charge is not found; bad amounts are validation errors', async () => {
    await expect(refund('ch_nope', 1)).rejects.toMatchObject({ code: 'no_such_charge', constructor: ProcessorNotFoundError });
    const { chargeId } = await t.sale(100);
    await expect(refund(chargeId, -5)).rejects.toMatchObject({ code: 'invalid_amount' });
  });
});
