import type { RecordedEvent } from '#ordo/event-store';
import type { SqliteWriterThread } from '../../persistence/sqlite-thread/sqlite-writer-thread.js';
import { lowestCheckpoint } from './projection-batch.js';
import { ProjectionProgress } from './projection-progress.js';

interface Waiter {
  position: bigint;
  resolve(): void;
  reject(error: unknown): void;
}

export interface ThreadProjectionOptions {
  publicUrl: string;
  idSecret: string;
  /** A key revoked: the API's cache of authenticated keys forgets it at once. */
  keyRevoked(keyId: string): void;
}

/**
 * The embedded file's projections when its writer runs in a thread: they run there, in the
 * writer's transactions (each append's projection batch usually commits with it), and this side
 * follows the checkpoints the thread reports after each batch, for read-your-writes.
 */
export class ThreadProjectionProgress extends ProjectionProgress {
  private low = 0n;
  private waiters: Waiter[] = [];
  /** Set while someone waits: the thread's next notice must not be lost to an idle process exit. */
  private releaseHold?: () => void;
  private readonly listeners: ((events: readonly RecordedEvent[]) => void)[] = [];
  private started = false;

  constructor(
    private readonly thread: SqliteWriterThread,
    private readonly options: ThreadProjectionOptions,
  ) {
    super();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.thread.on('progress', ({ checkpoints }) => {
      this.low = lowestCheckpoint(new Map(checkpoints));
      this.release();
    });
    this.thread.on('applied', ({ events }) => {
      for (const listener of this.listeners) listener(events);
    });
    this.thread.on('keyRevoked', ({ keyId }) => this.options.keyRevoked(keyId));
    this.thread.on('failed', ({ error }) => this.fail(new Error(`the SQLite writer thread failed: ${error.message}`)));
    // Resolves once the thread's projections caught up with the log.
    await this.thread.startProjections(this.options.publicUrl, this.options.idSecret);
  }

  /** The thread kicks its projections itself right behind each append it queues. */
  kick(): void {}

  waitFor(position: bigint): Promise<void> {
    if (this.lowest() >= position) return Promise.resolve();
    if (!this.thread.alive) return Promise.reject(new Error('the SQLite writer thread is not running'));
    return new Promise((resolve, reject) => {
      this.waiters.push({ position, resolve, reject });
      this.releaseHold ??= this.thread.hold();
    });
  }

  lag(head: bigint): bigint {
    const low = this.lowest();
    return head > low ? head - low : 0n;
  }

  onApplied(listener: (events: readonly RecordedEvent[]) => void): void {
    this.listeners.push(listener);
  }

  private lowest(): bigint {
    return this.low;
  }

  private release(): void {
    const low = this.lowest();
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.position <= low ? w.resolve() : still.push(w));
    this.waiters = still;
    this.letGo();
  }

  private letGo(): void {
    if (this.waiters.length > 0 || !this.releaseHold) return;
    this.releaseHold();
    this.releaseHold = undefined;
  }

  private fail(error: Error): void {
    const failed = this.waiters;
    this.waiters = [];
    for (const w of failed) w.reject(error);
    this.letGo();
  }
}
