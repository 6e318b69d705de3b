import type Database from 'better-sqlite3';
import { openSqlite, type SqliteSynchronous } from '#ordo/event-store';
import { ProcessorNotConfiguredError } from '../processor-errors.js';
import type { PaymentProcessor, ProcessorRecord } from '../processor.port.js';
import type {
  AuthorizeRequest,
  CaptureRequest,
  CompleteActionRequest,
  RefundRequest,
  TokenizeRequest,
  VoidRequest,
} from '../processor-requests.js';
import type { AuthorizeResult, CaptureResult, CardSummary, CompleteActionResult, RefundResult, TokenizeResult, VoidResult } from '../processor-results.js';
import { idempotencyKeyField } from '../validation/request-fields.js';
import { validateAuthorize, validateCapture, validateCompleteAction, validateRefund, validateVoid } from '../validation/validate-requests.js';
import { executeIdempotently, toProcessorRecord } from './idempotent-execution.js';
import { authorize } from './operations/authorize.js';
import { capture } from './operations/capture.js';
import { completeAction } from './operations/complete-action.js';
import { refund } from './operations/refund.js';
import { tokenize } from './operations/tokenize.js';
import { voidAuthorization } from './operations/void.js';
import { migrateSandbox } from './sandbox-schema.js';
import { SandboxInspector } from './sandbox-inspector.js';
import { SandboxRecord } from './sandbox-record.js';

export interface SandboxProcessorOptions {
  /** FULL (default): an answer the sandbox gave survives a power cut, like a real processor's. */
  synchronous?: SqliteSynchronous;
}

/**
 * The test-mode processor: deterministic behaviour per test card, its own SQLite file as "the
 * processor's side" of every payment. Calls are synchronous SQLite transactions behind an async
 * port, so calls from one process never interleave; a second process waits on the file lock.
 */
export class SandboxProcessor implements PaymentProcessor {
  /** Read helpers for tests and reconciliation (not part of the port). */
  readonly inspect: SandboxInspector;
  private readonly record: SandboxRecord;

  private constructor(private readonly db: Database.Database) {
    this.record = new SandboxRecord(db);
    this.inspect = new SandboxInspector(db);
  }

  /** Opens (creating if needed) the sandbox file at `path`, e.g. `data/sandbox-processor.db`. */
  static open(path: string, options: SandboxProcessorOptions = {}): SandboxProcessor {
    const db = openSqlite(path, { synchronous: options.synchronous ?? 'FULL' });
    try {
      migrateSandbox(db);
      return new SandboxProcessor(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async tokenize(request: TokenizeRequest): Promise<TokenizeResult> {
    this.assertOpen();
    return this.db.transaction(() => tokenize(this.record, request)).immediate();
  }

  async describeToken(token: string, account: string): Promise<CardSummary | undefined> {
    this.assertOpen();
    const row = typeof token === 'string' ? this.record.token(token) : undefined;
    if (!row || (row.account !== null && row.account !== account)) return undefined;
    return { brand: row.brand, last4: row.last4, exp_month: row.exp_month, exp_year: row.exp_year };
  }

  async authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    this.assertOpen();
    const { idempotencyKey, params } = validateAuthorize(request);
    if (params.mode === 'live') throw new ProcessorNotConfiguredError('the sandbox processor serves test mode only');
    return executeIdempotently(this.record, 'authorize', idempotencyKey, params, () => authorize(this.record, params));
  }

  async completeAction(request: CompleteActionRequest): Promise<CompleteActionResult> {
    this.assertOpen();
    const { idempotencyKey, params } = validateCompleteAction(request);
    return executeIdempotently(this.record, 'complete_action', idempotencyKey, params, () => completeAction(this.record, params));
  }

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    this.assertOpen();
    const { idempotencyKey, params } = validateCapture(request);
    return executeIdempotently(this.record, 'capture', idempotencyKey, params, () => capture(this.record, params));
  }

  async void(request: VoidRequest): Promise<VoidResult> {
    this.assertOpen();
    const { idempotencyKey, params } = validateVoid(request);
    return executeIdempotently(this.record, 'void', idempotencyKey, params, () => voidAuthorization(this.record, params));
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    this.assertOpen();
    const { idempotencyKey, params } = validateRefund(request);
    return executeIdempotently(this.record, 'refund', idempotencyKey, params, () => refund(this.record, params));
  }

  async lookup(idempotencyKey: string): Promise<ProcessorRecord | undefined> {
    this.assertOpen();
    const row = this.record.idempotencyKey(idempotencyKeyField(idempotencyKey));
    return row && toProcessorRecord(row);
  }

  /** Shorthand for `inspect.countCharges({ authorizationId })`. */
  countCharges(authorizationId: string): number {
    return this.inspect.countCharges({ authorizationId });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('the sandbox processor is closed');
  }
}
