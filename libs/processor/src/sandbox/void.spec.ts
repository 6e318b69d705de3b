import { ProcessorNotFoundError, ProcessorRejectedError } from '../processor-errors.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('SandboxProcessor.void', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  const voidIt = (authorizationId: string) => t.processor.void({ idempotencyKey: t.key('void'), authorizationId });

  it('releases the whole hold', async () => {
    const authorizationId = await t.hold(7000);
    expect(await voidIt(authorizationId)).toEqual({ status: 'voided', released: 7000 });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ status: 'voided', captured: 0, released: 7000 });
    expect(t.processor.countCharges(authorizationId)).toBe(0);
  });

  it('after a partial capture releases only the rest; the captured money stays charged', async () => {
    const authorizationId = await t.hold(7000);
    const { chargeId } = await t.processor.capture({ idempotencyKey: t.key(), authorizationId, amount: 2000, final: false });
    expect(await voidIt(authorizationId)).toEqual({ status: 'voided', released: 5000 });
    expect(t.processor.inspect.charge(chargeId)).toMatchObject({ amount: 2000 });
    expect(t.processor.inspect.inconsistencies()).toEqual([]);
  });

  it('refuses to void twice, after a final capture, or a sale (authorization_not_voidable)', async () => {
    const a = await t.hold(7000);
    await voidIt(a);
    await expect(voidIt(a)).rejects.toMatchObject({ code: 'authorization_not_voidable', constructor: ProcessorRejectedError });
    const b = await t.hold(7000);
    await t.processor.capture({ idempotencyKey: t.key(), authorizationId: b, amount: 1000, final: true });
    await expect(voidIt(b)).rejects.toMatchObject({ code: 'authorization_not_voidable' });
    const { authorizationId: c } = await t.sale(300);
    await expect(voidIt(c)).rejects.toMatchObject({ code: 'authorization_not_voidable' });
  });

  it('an unknown authorization is not found', async () => {
    await expect(voidIt('auth_nope')).rejects.toMatchObject({ code: 'no_such_authorization', constructor: ProcessorNotFoundError });
  });
});
