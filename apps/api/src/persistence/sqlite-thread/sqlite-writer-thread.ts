import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WriterClosedError, type AppendResult, type CommitStats, type ExpectedRevision, type RecordedEvent, type SerializedEvent } from '#ordo/event-store';
import type { StateJob } from '../sql/state-job.js';
import { fromWire, type WireError } from './store-error-wire.js';
import type { WriterMessage, WriterNotice, WriterRequest, WriterThreadData } from './writer-messages.js';

const THREAD_FILE = new URL('./writer-thread.js', import.meta.url);

/** Whether the thread's compiled entry is there (it is in a build; not when running TypeScript sources). */
export const canRunWriterThread = (): boolean => existsSync(fileURLToPath(THREAD_FILE));

type Request = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type Listener<K extends WriterNotice['notice']> = (notice: Extract<WriterNotice, { notice: K }>) => void;

/**
 * The API's side of the writer thread (writer-thread.ts): every write to the embedded file is a
 * message to it, answered once committed. Idle, the thread does not keep the process alive; a
 * write waiting for its answer does (else a process with nothing else to do would exit mid-write).
 * If the thread dies, every waiting write fails and so does every later one: nothing is retried
 * behind the caller's back.
 */
export class SqliteWriterThread {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private readonly listeners = new Map<string, ((notice: WriterNotice) => void)[]>();
  private nextId = 1;
  private holds = 0;
  private exited = false;
  private closing?: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WriterMessage) => this.receive(message));
    worker.on('exit', (code) => {
      this.exited = true;
      const left = [...this.pending.values()];
      this.pending.clear();
      for (const call of left) call.reject(Object.assign(new WriterClosedError(), { message: `the SQLite writer thread exited (${code}) before answering` }));
      // Whoever waits for a notice (read-your-writes) would wait for ever.
      this.emit({ notice: 'failed', error: { name: 'WriterClosedError', message: `the SQLite writer thread exited (${code})` } });
    });
    worker.unref();
  }

  /** Starts the thread; resolves once it opened the file (and created the log's table). */
  static start(data: WriterThreadData): Promise<SqliteWriterThread> {
    const worker = new Worker(THREAD_FILE, { workerData: data });
    return new Promise((resolve, reject) => {
      const fail = (error: unknown) => {
        void worker.terminate();
        reject(error);
      };
      worker.once('error', fail);
      worker.once('message', (message: WriterMessage) => {
        worker.off('error', fail);
        if ('notice' in message && message.notice === 'ready') {
          const thread = new SqliteWriterThread(worker);
          worker.on('error', (error) => thread.emit({ notice: 'failed', error: { name: error.name, message: error.message } }));
          return resolve(thread);
        }
        fail('notice' in message && message.notice === 'failed' ? fromWire(message.error) : new Error('the SQLite writer thread did not start'));
      });
    });
  }

  get alive(): boolean {
    return !this.exited && !this.closing;
  }

  append(streamName: string, rows: SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.call({ kind: 'append', streamName, rows, expected });
  }

  state<T>(job: StateJob<T>): Promise<T> {
    return this.call({ kind: 'state', job });
  }

  schema(statements: readonly string[]): Promise<void> {
    return this.call({ kind: 'schema', statements });
  }

  /** Starts the read models' projections in the thread (they need the server's secrets). */
  startProjections(publicUrl: string, idSecret: string): Promise<void> {
    return this.call({ kind: 'projections', publicUrl, idSecret });
  }

  /**
   * Keeps the process alive until the returned function is called: for someone waiting on a
   * notice rather than an answer (read-your-writes waits for the thread's next 'progress').
   */
  hold(): () => void {
    this.holds++;
    this.refresh();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.refresh();
    };
  }

  on<K extends WriterNotice['notice']>(notice: K, listener: Listener<K>): void {
    const list = this.listeners.get(notice) ?? [];
    list.push(listener as (notice: WriterNotice) => void);
    this.listeners.set(notice, list);
  }

  /** Told after each commit how many jobs it carried and how long COMMIT took (metrics). */
  onCommitted(listener: (stats: CommitStats) => void): void {
    this.on('committed', (notice) => listener(notice.stats));
  }

  /** Flushes what the thread has queued, closes the file and waits for the thread to end. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.exited) return;
      this.worker.ref();
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      await this.send({ kind: 'close' }).catch(() => undefined);
      const timer = setTimeout(() => void this.worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    })();
    return this.closing;
  }

  private call<T>(request: Request): Promise<T> {
    if (this.closing || this.exited) return Promise.reject(new WriterClosedError());
    return this.send<T>(request);
  }

  private send<T>(request: Request): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.refresh();
      this.worker.postMessage({ ...request, id } as WriterRequest);
    });
  }

  private receive(message: WriterMessage): void {
    if ('notice' in message) return this.emit(message);
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    this.refresh();
    if (message.ok) call.resolve(message.value);
    else call.reject(fromWire(message.error as WireError));
  }

  private refresh(): void {
    if (this.pending.size > 0 || this.holds > 0 || this.closing) this.worker.ref();
    else this.worker.unref();
  }

  private emit(notice: WriterNotice): void {
    for (const listener of this.listeners.get(notice.notice) ?? []) {
      try {
        listener(notice);
      } catch (error) {
        process.emitWarning(`writer thread listener failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }
}

export type { RecordedEvent };
