import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqliteSynchronous } from '#ordo/event-store';
import type { PaymentProcessor, ProcessorRecord } from '../../processor.port.js';
import type { AuthorizeRequest, CaptureRequest, CompleteActionRequest, RefundRequest, TokenizeRequest, VoidRequest } from '../../processor-requests.js';
import type { AuthorizeResult, CaptureResult, CardSummary, CompleteActionResult, RefundResult, TokenizeResult, VoidResult } from '../../processor-results.js';
import { fromWire } from './processor-error-wire.js';
import type { ProcessorMethod, ThreadReply, ThreadRequest } from './thread-messages.js';

const THREAD_FILE = new URL('./sandbox-thread.js', import.meta.url);

/** Whether the thread's compiled entry is there (it is in a build; not when running TypeScript sources). */
export const canRunSandboxThread = (): boolean => existsSync(fileURLToPath(THREAD_FILE));

/**
 * The sandbox processor behind the same port, running in a worker thread of its own: the API's
 * event loop never waits on the sandbox's SQLite transactions and fsyncs. An answer is given once
 * the sandbox committed it (synchronous=FULL by default), as in-thread; a crash of the process
 * takes the thread with it, and what it committed is in the file for recovery to look up.
 */
export class ThreadedSandboxProcessor implements PaymentProcessor {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private nextId = 1;
  private closing?: Promise<void>;

  constructor(path: string, options: { synchronous?: SqliteSynchronous } = {}) {
    this.worker = new Worker(THREAD_FILE, { workerData: { path, synchronous: options.synchronous } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (reply: ThreadReply) => {
        if ('ready' in reply && reply.ready) return resolve();
        reject('error' in reply ? fromWire(reply.error) : new Error('the sandbox thread did not start'));
      });
      this.worker.once('error', reject);
    });
    this.ready.catch(() => undefined); // reported to the first caller
    this.ready.then(() => this.worker.on('message', (reply: ThreadReply) => this.settle(reply)), () => undefined);
    this.worker.on('exit', (code) => {
      const left = [...this.pending.values()];
      this.pending.clear();
      for (const call of left) call.reject(new Error(`the sandbox thread exited (${code}) before answering`));
    });
    // The thread must not keep a finished process alive.
    this.worker.unref();
  }

  tokenize(request: TokenizeRequest): Promise<TokenizeResult> {
    return this.call('tokenize', request);
  }

  describeToken(token: string, account: string): Promise<CardSummary | undefined> {
    return this.call('describeToken', token, account);
  }

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    return this.call('authorize', request);
  }

  completeAction(request: CompleteActionRequest): Promise<CompleteActionResult> {
    return this.call('completeAction', request);
  }

  capture(request: CaptureRequest): Promise<CaptureResult> {
    return this.call('capture', request);
  }

  void(request: VoidRequest): Promise<VoidResult> {
    return this.call('void', request);
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.call('refund', request);
  }

  lookup(idempotencyKey: string): Promise<ProcessorRecord | undefined> {
    return this.call('lookup', idempotencyKey);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!(await this.ready.then(() => true, () => false))) return;
      await this.send<void>({ id: this.nextId++, method: 'close' }).catch(() => undefined);
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private async call<T>(method: ProcessorMethod, ...args: unknown[]): Promise<T> {
    if (this.closing) throw new Error('the sandbox processor is closed');
    await this.ready;
    return this.send<T>({ id: this.nextId++, method, args });
  }

  private send<T>(request: ThreadRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  private settle(reply: ThreadReply): void {
    if (!('id' in reply)) return;
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(fromWire(reply.error));
  }
}
