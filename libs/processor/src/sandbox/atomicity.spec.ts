import Database from 'better-sqlite3';
import { TempSandbox } from './testing/temp-sandbox.js';

/**
 * A crash mid-call is simulated by making the LAST write of the transaction fail (a trigger
 * installed from a second connection, as a separate process would): nothing of the call may
 * remain — no charge without its key, no key without its charge.
 */
describe('SandboxProcessor atomicity', () => {
  let t: TempSandbox;
  let other: Database.Database;
  beforeEach(() => {
    t = new TempSandbox();
    other = new Database(t.path);
  });
  afterEach(async () => {
    other.close();
    await t.dispose();
  });

  // SqliteError comes from another realm under Jest's VM modules: match on its fields, not its class.
  const CRASH = { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'simulated crash' };
  const failKeyWrites = () => other.exec(`CREATE TRIGGER crash BEFORE INSERT ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
  const healKeyWrites = () => other.exec('DROP TRIGGER crash');

  it('a sale that fails while storing its key leaves no authorization and no charge; the retry charges once', async () => {
    failKeyWrites();
    const sale = { idempotencyKey: 'pi_1:confirm', token: 'tok_visa', amount: 1500, currency: 'USD', capture: true, mode: 'test' as const, reference: 'pi_1' };
    await expect(t.processor.authorize(sale)).rejects.toMatchObject(CRASH);
    expect(t.processor.inspect.authorizationsFor('pi_1')).toHaveLength(0);
    expect(t.processor.inspect.countCharges({ reference: 'pi_1' })).toBe(0);
    await expect(t.processor.lookup(sale.idempotencyKey)).resolves.toBeUndefined();

    healKeyWrites();
    await t.processor.authorize(sale);
    await t.processor.authorize(sale);
    expect(t.processor.inspect.countCharges({ reference: 'pi_1' })).toBe(1);
  });

  it('a capture and a refund that fail at the end leave amounts untouched', async () => {
    const authorizationId = await t.hold(5000);
    const { chargeId } = await t.processor.capture({ idempotencyKey: 'c1', authorizationId, amount: 2000, final: false });
    const before = t.processor.inspect.totals();
    failKeyWrites();
    await expect(t.processor.capture({ idempotencyKey: 'c2', authorizationId, amount: 3000, final: true })).rejects.toMatchObject(CRASH);
    await expect(t.processor.refund({ idempotencyKey: 'r1', chargeId, amount: 2000 })).rejects.toMatchObject(CRASH);
    await expect(t.processor.void({ idempotencyKey: 'v1', authorizationId })).rejects.toMatchObject(CRASH);
    expect(t.processor.inspect.totals()).toEqual(before);
    expect(t.processor.inspect.captures(chargeId)).toHaveLength(1);
    expect(t.processor.inspect.refunds(chargeId)).toHaveLength(0);
    expect(t.processor.inspect.inconsistencies()).toEqual([]);
  });

  it('a rejection rolls back to its savepoint but still stores its answer', async () => {
    const authorizationId = await t.hold(5000);
    await expect(t.processor.capture({ idempotencyKey: 'too-much', authorizationId, amount: 9000, final: false })).rejects.toMatchObject({
      code: 'amount_exceeds_authorized',
    });
    expect(t.processor.inspect.authorization(authorizationId)).toMatchObject({ captured: 0, status: 'authorized' });
    await expect(t.processor.lookup('too-much')).resolves.toMatchObject({ outcome: 'rejected' });
  });
});
