import type Database from 'better-sqlite3';

/** A unit of work run inside the writer's transaction. Must be synchronous (better-sqlite3 is). */
export type WriterJob<T> = (db: Database.Database) => T;

export interface SqliteWriterOptions {
  /**
   * `true` (default): jobs queued while a batch is written share one transaction, so one fsync.
   * `false`: one transaction per job; kept as the baseline the group-commit benchmark beats.
   */
  groupCommit?: boolean;
  /** Cap on jobs per transaction (default 1000), so one batch never holds the lock for long. */
  maxBatchSize?: number;
}

export interface WriteOptions {
  /**
   * `true` (default): the job runs inside its own SAVEPOINT, so whatever it wrote is undone if
   * it throws. `false` is only for jobs that are ONE write statement (SQLite undoes a failed
   * statement by itself) or that throw only before their first write: it saves two statements
   * per job on the hot path (single-event appends).
   */
  savepoint?: boolean;
}

export type AfterCommitHook = () => void;

/** What one committed transaction cost: its jobs and the COMMIT itself (the fsync, at synchronous=FULL). */
export interface CommitStats {
  jobs: number;
  commitMs: number;
}

export class WriterClosedError extends Error {
  readonly code = 'WRITER_CLOSED';
  constructor() {
    super('the SQLite writer is closed');
    this.name = 'WriterClosedError';
  }
}

/** A job whose own work succeeded but whose transaction was lost because of a later failure. */
export class BatchAbortedError extends Error {
  readonly code = 'BATCH_ABORTED';
  constructor(cause: unknown) {
    super(`the transaction of this write was rolled back: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'BatchAbortedError';
  }
}

interface Pending {
  job: WriterJob<unknown>;
  savepoint: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The one writer of a SQLite file in this process (events, projections, idempotency records and
 * job state all go through it). Jobs submitted while a batch is being written wait for the next
 * flush; a flush runs every waiting job inside one `BEGIN IMMEDIATE … COMMIT`, each job inside
 * its own SAVEPOINT, so a job that throws is undone alone while the others still commit, and
 * the whole batch costs one fsync. Promises settle only after COMMIT returned.
 */
export class SqliteWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly hooks = new Set<AfterCommitHook>();
  private readonly statsListeners = new Set<(stats: CommitStats) => void>();
  private readonly groupCommit: boolean;
  private readonly maxBatchSize: number;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;
  private batches = 0;
  private jobs = 0;

  constructor(
    readonly db: Database.Database,
    options: SqliteWriterOptions = {},
  ) {
    this.groupCommit = options.groupCommit ?? true;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) throw new RangeError('maxBatchSize must be an integer >= 1');
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT ordo_job');
    this.release = db.prepare('RELEASE ordo_job');
    this.rollbackTo = db.prepare('ROLLBACK TO ordo_job');
  }

  /** Transactions committed so far (a batch of jobs counts once). */
  get committedBatches(): number {
    return this.batches;
  }

  /** Jobs whose writes were committed so far. */
  get committedJobs(): number {
    return this.jobs;
  }

  get isGroupCommit(): boolean {
    return this.groupCommit;
  }

  /** Queues `job`; resolves with its return value once its transaction is committed. */
  write<T>(job: WriterJob<T>, options?: WriteOptions): Promise<T> {
    if (this.closed) return Promise.reject(new WriterClosedError());
    const savepoint = options?.savepoint ?? true;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, savepoint, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Runs `hook` after every commit that made at least one job durable (the event store wakes its
   * subscribers with it). Returns the function that removes the hook.
   */
  onAfterCommit(hook: AfterCommitHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Told after each commit how many jobs it carried and how long COMMIT took (metrics). */
  onCommitted(listener: (stats: CommitStats) => void): () => void {
    this.statsListeners.add(listener);
    return () => this.statsListeners.delete(listener);
  }

  /** Writes whatever is queued, then closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.queue.length > 0) this.flush();
    this.hooks.clear();
    if (this.db.open) this.db.close();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate rather than a microtask: every job submitted by the callbacks that run in
    // this turn of the event loop (all the resolved appends of the previous batch) joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.db.open) {
        // Closed behind the writer's back (db.close()): fail the waiting jobs, never strand them.
        for (const p of this.queue.splice(0)) p.reject(new WriterClosedError());
        return;
      }
      if (this.queue.length === 0) return;
      this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flush(): void {
    if (this.groupCommit && this.queue.length > 1) {
      this.flushBatch(this.queue.splice(0, this.maxBatchSize));
    } else if (this.groupCommit) {
      // A batch of one needs no savepoint: rolling back the transaction undoes exactly that job.
      this.flushSingle(this.queue.shift()!);
    } else {
      // The baseline: each job pays its own transaction and fsync.
      const batch = this.queue.splice(0, this.maxBatchSize);
      for (const pending of batch) this.flushSingle(pending);
    }
  }

  private flushBatch(batch: Pending[]): void {
    try {
      this.begin.run();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const outcomes = new Array<Outcome>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i];
      if (pending.savepoint) {
        try {
          this.savepoint.run();
        } catch (error) {
          this.abort(batch, outcomes, i, error);
          return;
        }
      }
      try {
        const value = runJob(pending.job, this.db);
        if (pending.savepoint) this.release.run();
        outcomes[i] = { ok: true, value };
      } catch (error) {
        if (!this.db.inTransaction) {
          // SQLite rolled the whole transaction back itself (I/O error, disk full…): the
          // writes of the jobs before this one are gone too.
          this.abort(batch, outcomes, i, error, true);
          return;
        }
        if (pending.savepoint) {
          try {
            this.rollbackTo.run();
            this.release.run();
          } catch (undoError) {
            this.abort(batch, outcomes, i, undoError);
            return;
          }
        }
        outcomes[i] = { ok: false, error };
      }
    }
    const committing = performance.now();
    try {
      this.commit.run();
    } catch (error) {
      // A failed COMMIT (deferred foreign key, I/O error) can leave the transaction open.
      if (this.db.inTransaction) this.rollback.run();
      for (const p of batch) p.reject(error);
      return;
    }
    let succeeded = 0;
    for (let i = 0; i < batch.length; i++) {
      const outcome = outcomes[i];
      if (outcome.ok) {
        succeeded++;
        batch[i].resolve(outcome.value);
      } else {
        batch[i].reject(outcome.error);
      }
    }
    this.batches++;
    this.jobs += succeeded;
    this.report({ jobs: batch.length, commitMs: performance.now() - committing });
    if (succeeded > 0) this.notify();
  }

  private report(stats: CommitStats): void {
    for (const listener of this.statsListeners) {
      try {
        listener(stats);
      } catch {
        // Metrics must never undo or delay a commit's answers.
      }
    }
  }

  /**
   * The transaction is lost at job `failedAt`: it and the jobs before it reject, the jobs after
   * it never ran and go back to the head of the queue for the next batch.
   */
  private abort(batch: Pending[], outcomes: Outcome[], failedAt: number, error: unknown, jobFailed = false): void {
    if (this.db.inTransaction) {
      try {
        this.rollback.run();
      } catch {
        // Nothing more can be undone; the rejections below tell every caller.
      }
    }
    for (let i = 0; i < failedAt; i++) {
      const outcome = outcomes[i];
      batch[i].reject(outcome.ok ? new BatchAbortedError(error) : outcome.error);
    }
    batch[failedAt].reject(jobFailed ? error : new BatchAbortedError(error));
    this.queue.unshift(...batch.slice(failedAt + 1));
    if (this.queue.length > 0 && !this.closed) this.schedule();
  }

  private flushSingle(pending: Pending): void {
    try {
      this.begin.run();
    } catch (error) {
      pending.reject(error);
      return;
    }
    let value: unknown;
    let committing = 0;
    try {
      value = runJob(pending.job, this.db);
      committing = performance.now();
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      pending.reject(error);
      return;
    }
    this.batches++;
    this.jobs++;
    this.report({ jobs: 1, commitMs: performance.now() - committing });
    pending.resolve(value);
    this.notify();
  }

  private notify(): void {
    for (const hook of this.hooks) {
      try {
        hook();
      } catch (error) {
        // A hook must not undo a commit that already happened nor starve the other hooks.
        process.emitWarning(`SqliteWriter afterCommit hook failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }
}

function runJob(job: WriterJob<unknown>, db: Database.Database): unknown {
  const value = job(db);
  if (typeof (value as PromiseLike<unknown> | undefined)?.then === 'function') {
    // Its writes after the first await would land outside the transaction; refuse it loudly.
    void (value as Promise<unknown>).then(undefined, () => undefined);
    throw new TypeError('SqliteWriter jobs must be synchronous functions (got a promise)');
  }
  return value;
}
