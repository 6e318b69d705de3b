import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessor } from './create-processor.js';
import { NotConfiguredProcessor } from './live/not-configured-processor.js';
import { ProcessorNotConfiguredError } from './processor-errors.js';
import type { PaymentProcessor } from './processor.port.js';
import { SandboxProcessor } from './sandbox/sandbox-processor.js';

describe('createProcessor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ordo-processor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('test mode → the sandbox on its own file (parent directories created)', async () => {
    const processor = createProcessor({ mode: 'test', sandboxPath: join(dir, 'data', 'sandbox-processor.db') });
    try {
      expect(processor).toBeInstanceOf(SandboxProcessor);
      await expect(
        processor.authorize({ idempotencyKey: 'k', token: 'tok_visa', amount: 100, currency: 'USD', capture: true, mode: 'test' }),
      ).resolves.toMatchObject({ status: 'captured' });
    } finally {
      await processor.close();
    }
  });

  it('test mode needs a path; an unknown mode is refused', () => {
    expect(() => createProcessor({ mode: 'test' })).toThrow(RangeError);
    expect(() => createProcessor({ mode: 'sandbox' as 'test', sandboxPath: join(dir, 'x.db') })).toThrow(RangeError);
  });

  describe('live mode without a real processor', () => {
    const live: PaymentProcessor = createProcessor({ mode: 'live' });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['tokenize', () => live.tokenize({ number: '4242424242424242', exp_month: 1, exp_year: 2030, cvc: '123', mode: 'live', now: new Date() })],
      ['authorize', () => live.authorize({ idempotencyKey: 'k', token: 'tok_visa', amount: 1, currency: 'USD', capture: true, mode: 'live' })],
      ['completeAction', () => live.completeAction({ idempotencyKey: 'k', actionId: 'act_1', outcome: 'approve' })],
      ['capture', () => live.capture({ idempotencyKey: 'k', authorizationId: 'auth_1', amount: 1, final: true })],
      ['void', () => live.void({ idempotencyKey: 'k', authorizationId: 'auth_1' })],
      ['refund', () => live.refund({ idempotencyKey: 'k', chargeId: 'ch_1', amount: 1 })],
      ['lookup', () => live.lookup('k')],
    ];

    it('is the not-configured processor', () => {
      expect(live).toBeInstanceOf(NotConfiguredProcessor);
    });

    it.each(calls)('%s throws PROCESSOR_NOT_CONFIGURED', async (_name, call) => {
      await expect(call()).rejects.toMatchObject({ code: 'PROCESSOR_NOT_CONFIGURED', constructor: ProcessorNotConfiguredError });
    });

    it('closes quietly', async () => {
      await expect(live.close()).resolves.toBeUndefined();
    });
  });
});
