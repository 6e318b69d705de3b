import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcessor } from '../sandbox-processor.js';

/**
 * A sandbox on a fresh temp file (synchronous=FULL, as in production), re-openable to prove
 * that answers survive a restart. Test support only; not exported from the library.
 */
export class TempSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'ordo-sandbox-'));
  readonly path = join(this.dir, 'sandbox-processor.db');
  processor = SandboxProcessor.open(this.path);
  private counter = 0;

  /** A fresh idempotency key. */
  key(label = 'k'): string {
    this.counter += 1;
    return `${label}-${this.counter}`;
  }

  async reopen(): Promise<SandboxProcessor> {
    await this.processor.close();
    this.processor = SandboxProcessor.open(this.path);
    return this.processor;
  }

  async dispose(): Promise<void> {
    await this.processor.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A held (capture=false) authorization on tok_visa unless told otherwise. */
  async hold(amount: number, token = 'tok_visa', currency = 'USD'): Promise<string> {
    const result = await this.processor.authorize({ idempotencyKey: this.key('auth'), token, amount, currency, capture: false, mode: 'test' });
    if (result.status !== 'authorized') throw new Error(`expected an authorization, got ${result.status}`);
    return result.authorizationId;
  }

  /** A sale (capture=true); returns the charge id. */
  async sale(amount: number, token = 'tok_visa', currency = 'USD'): Promise<{ chargeId: string; authorizationId: string }> {
    const result = await this.processor.authorize({ idempotencyKey: this.key('sale'), token, amount, currency, capture: true, mode: 'test' });
    if (result.status !== 'captured') throw new Error(`expected a captured sale, got ${result.status}`);
    return { chargeId: result.chargeId, authorizationId: result.authorizationId };
  }
}
