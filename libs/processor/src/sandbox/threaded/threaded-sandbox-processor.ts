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
    // Idle, the thread must not keep a finished process alive; a call waiting for its answer must
    // (else a process with nothing else to do exits mid-call, with code 0).
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
      // Held until the thread is gone: an unref'd thread's exit would let the process end mid-close.
      this.worker.ref();
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      await this.send<void>({ id: this.nextId++, method: 'close' }).catch(() => undefined);
      // The thread closes its port after closing the file and exits by itself; terminate() on a
      // thread that already exited may never settle, so it is only the fallback.
      const timer = setTimeout(() => void this.worker.terminate(), 2_000);
      await exited;
      clearTimeout(timer);
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
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  private settle(reply: ThreadReply): void {
    if (!('id' in reply)) return;
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (reply.ok) call.resolve(reply.value);
    else call.reject(fromWire(reply.error));
  }
}
