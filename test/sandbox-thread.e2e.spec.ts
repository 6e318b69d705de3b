import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcessor, type PaymentProcessor } from '#ordo/processor';
import { buildOnce, root } from './support/built-server.js';

/**
 * The sandbox processor in its worker thread (the build's default) answers exactly as in-thread:
 * the same sequence — tokenize, hold, partial captures, refunds, a decline, a replayed key, a reused
 * key, a rejection, a look-up — gives the same results and the same errors (class name and code)
 * on both, and what the thread committed is in its file afterwards.
 */
describe('the sandbox processor in a worker thread', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-sandbox-thread-'));
    dirs.push(dir);
    return join(dir, 'sandbox-processor.db');
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** Runs the sequence; ids are replaced by their first-seen order so both runs compare. */
  async function sequence(p: PaymentProcessor): Promise<unknown[]> {
    const out: unknown[] = [];
    const settle = async (call: () => Promise<unknown>) => {
      try {
        out.push(await call());
      } catch (error) {
        const e = error as Error & { code?: string };
        out.push({ error: e.name, code: e.code });
      }
    };
    const token = (await p.tokenize({ number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123', mode: 'test', now: new Date('2026-12-01T00:00:00Z'), account: 'acct_1' })) as { token: string };
    out.push(token);
    await settle(() => p.describeToken(token.token, 'acct_1'));
    const hold = (await p.authorize({ idempotencyKey: 'auth-1', token: 'tok_visa', amount: 10_000, currency: 'USD', capture: false, mode: 'test' })) as { authorizationId: string };
    out.push(hold);
    await settle(() => p.capture({ idempotencyKey: 'cap-1', authorizationId: hold.authorizationId, amount: 4_000, final: false }));
    const capture = (await p.capture({ idempotencyKey: 'cap-2', authorizationId: hold.authorizationId, amount: 3_000, final: true })) as { chargeId: string };
    out.push(capture);
    await settle(() => p.capture({ idempotencyKey: 'cap-2', authorizationId: hold.authorizationId, amount: 3_000, final: true })); // replay
    await settle(() => p.capture({ idempotencyKey: 'cap-2', authorizationId: hold.authorizationId, amount: 1, final: true })); // reused key
    await settle(() => p.capture({ idempotencyKey: 'cap-3', authorizationId: hold.authorizationId, amount: 1, final: false })); // closed
    await settle(() => p.refund({ idempotencyKey: 'ref-1', chargeId: capture.chargeId, amount: 2_500 }));
    await settle(() => p.refund({ idempotencyKey: 'ref-2', chargeId: capture.chargeId, amount: 99_999 }));
    await settle(() => p.authorize({ idempotencyKey: 'auth-2', token: 'tok_chargeDeclined', amount: 500, currency: 'USD', capture: true, mode: 'test' }));
    await settle(() => p.void({ idempotencyKey: 'void-1', authorizationId: 'auth_missing' }));
    await settle(() => p.lookup('cap-1'));
    await settle(() => p.lookup('never-used'));
    const ids = new Map<string, string>();
    return JSON.parse(JSON.stringify(out), (_key, value: unknown) => {
      if (typeof value === 'string' && /^(auth|ch|re|tok|pm|card)_[A-Za-z0-9]{8,}$/.test(value)) {
        if (!ids.has(value)) ids.set(value, `<id ${ids.size}>`);
        return ids.get(value);
      }
      return value;
    }) as unknown[];
  }

  it('gives the same answers and errors as the in-thread sandbox, and commits them to its file', async () => {
    await buildOnce();
    const built = (await import(join(root, 'dist/libs/processor/src/sandbox/threaded/threaded-sandbox-processor.js'))) as typeof import('../libs/processor/src/sandbox/threaded/threaded-sandbox-processor.js');
    expect(built.canRunSandboxThread()).toBe(true);
    const inThread = SandboxProcessor.open(fresh());
    const threadPath = fresh();
    const threaded = new built.ThreadedSandboxProcessor(threadPath);
    const expected = await sequence(inThread);
    const actual = await sequence(threaded);
    await Promise.all([inThread.close(), threaded.close()]);
    expect(actual).toEqual(expected);
    // Errors crossed as their classes: a rejection, a mismatch, a not-found are among them.
    expect(expected.filter((x) => (x as { error?: string } | null)?.error).map((x) => (x as { code: string }).code)).toEqual(
      expect.arrayContaining(['idempotency_mismatch', 'authorization_not_capturable', 'amount_exceeds_refundable', 'no_such_authorization']),
    );
    const reopened = SandboxProcessor.open(threadPath);
    try {
      expect(reopened.inspect.totals()).toMatchObject({ refunded: 2_500 });
      expect(reopened.inspect.inconsistencies()).toEqual([]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
