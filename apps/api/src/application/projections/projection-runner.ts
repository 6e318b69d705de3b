import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { EVENT_STORE, SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { SqliteJobs } from '../../persistence/sql/sqlite-jobs.js';
import type { Projection } from './projection.js';
import { ProjectionProgress } from './projection-progress.js';
import { applyBatch, CHECKPOINTS_TABLE, loadCheckpoints, lowestCheckpoint, resetProjections, upgradeProjections } from './projection-batch.js';

export const PROJECTIONS = Symbol('PROJECTIONS');
const BATCH = 500;

interface Waiter {
  position: bigint;
  resolve(): void;
  reject(error: unknown): void;
}

/** Checkpoints as a writer job saw them, numbered in the order the jobs ran. */
interface Snapshot {
  seq: number;
  checkpoints: Map<string, bigint>;
}

/**
 * Feeds every projection from the global log. Each batch of events is applied, and each
 * projection's checkpoint moved, in one writer job (one transaction), so rows and checkpoints
 * always agree. The job reads the checkpoints from the database, not from memory, so a rebuild
 * or rewind — in this process or in the CLI — is honoured by the very next batch; memory only
 * keeps the latest snapshot for `waitFor`, which gives writers read-your-writes. A timer picks
 * up events appended by other processes.
 */
@Injectable()
export class ProjectionRunner extends ProjectionProgress implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private checkpoints = new Map<string, bigint>();
  private waiters: Waiter[] = [];
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private started = false;
  private jobSeq = 0;
  private appliedSeq = 0;
  private jobs?: SqliteJobs;
  private readonly listeners: ((events: readonly RecordedEvent[]) => void)[] = [];
  private readonly progressListeners: ((checkpoints: ReadonlyMap<string, bigint>) => void)[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {
    super();
  }

  /**
   * Processes that react to the log (the billing process learning a cycle's order got paid) are
   * told each batch once its read models are written, so what they query already shows it.
   */
  onApplied(listener: (events: readonly RecordedEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /** Told the checkpoints each time they move (the writer thread passes them to the API's thread). */
  onProgress(listener: (checkpoints: ReadonlyMap<string, bigint>) => void): void {
    this.progressListeners.push(listener);
  }

  /** Creates tables, loads checkpoints and catches up with the log. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const db = this.sqlite.db;
    db.exec(CHECKPOINTS_TABLE);
    // Files written before checkpoints had versions.
    const columns = db.prepare("SELECT name FROM pragma_table_info('projection_checkpoints')").all() as { name: string }[];
    if (!columns.some((c) => c.name === 'version')) db.exec('ALTER TABLE projection_checkpoints ADD COLUMN version INTEGER NOT NULL DEFAULT 1');
    const jobs = new SqliteJobs(db, (stream) => this.sqlite.store.readStreamNow(stream));
    this.jobs = jobs;
    db.transaction(() => jobs.run(upgradeProjections(this.projections, (statement) => statement)))();
    this.adopt({ seq: 0, checkpoints: this.readCheckpoints() });
    await this.catchUp();
    if (this.config.projectionPollMs > 0) {
      this.timer = setInterval(() => this.kick(), this.config.projectionPollMs);
      this.timer.unref();
    }
  }

  /** Resolves once every projection has applied the event at `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.lowestCheckpoint() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ position, resolve, reject });
      this.kick();
    });
  }

  /** How many log positions the slowest projection is behind `head`. */
  lag(head: bigint): bigint {
    const low = this.lowestCheckpoint();
    return head > low ? head - low : 0n;
  }

  checkpoint(name: string): bigint | undefined {
    return this.checkpoints.get(name);
  }

  /** Empties the projections' tables and replays the whole log into them. */
  async rebuild(names: string[] = this.projections.map((p) => p.name)): Promise<void> {
    const chosen = this.projections.filter((p) => names.includes(p.name));
    const snapshot = await this.sqlite.writer.write(() => {
      this.jobs!.run(resetProjections(chosen));
      return this.snapshot();
    });
    this.adopt(snapshot);
    await this.catchUp();
  }

  /**
   * Moves every checkpoint back without touching the rows, so events are delivered again:
   * projections must ignore what they already applied (used to prove replay safety).
   */
  async rewind(position: bigint): Promise<void> {
    const snapshot = await this.sqlite.writer.write(() => {
      this.sqlite.db.prepare('UPDATE projection_checkpoints SET position = ? WHERE position > ?').run(position, position);
      return this.snapshot();
    });
    this.adopt(snapshot);
  }

  /** Runs until the projections have reached the head of the log. */
  async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    await this.waitFor(head);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Starts a drain now. The command path calls it right after queueing an append, so the
   * projection job lands in the same writer batch as the append.
   */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        // Reading the log inside the writer job means the job sees every append queued before
        // it in the same transaction: projections usually commit with the events (one fsync).
        const result = await this.sqlite.writer.write(() => this.applyNextBatch());
        this.adopt(result.snapshot);
        if (!result.applied) break;
        for (const listener of this.listeners) listener(result.events);
      }
    } catch (error) {
      // A batch racing shutdown finds the writer closed: nothing to report, the next start resumes.
      if ((error as { code?: string }).code !== 'WRITER_CLOSED') this.logger.error({ err: error }, 'projection batch failed');
      const failed = this.waiters;
      this.waiters = [];
      for (const w of failed) w.reject(error);
    }
  }

  /** Runs inside a writer job. */
  private applyNextBatch(): { applied: boolean; snapshot: Snapshot; events: RecordedEvent[] } {
    const stored = this.readCheckpoints();
    const events = this.sqlite.store.readPage(lowestCheckpoint(stored), BATCH);
    if (events.length === 0) return { applied: false, snapshot: this.snapshot(stored), events: [] };
    const after = this.jobs!.run(applyBatch(this.projections, events, stored));
    return { applied: true, snapshot: this.snapshot(after), events };
  }

  private readCheckpoints(): Map<string, bigint> {
    return this.jobs!.run(loadCheckpoints(this.projections));
  }

  /** Called inside a writer job: jobs run one at a time, so the numbering is their order. */
  private snapshot(checkpoints = this.readCheckpoints()): Snapshot {
    return { seq: ++this.jobSeq, checkpoints };
  }

  /** Keeps the newest snapshot only: an older job's answer never overwrites a newer one. */
  private adopt(snapshot: Snapshot): void {
    if (snapshot.seq < this.appliedSeq) return;
    this.appliedSeq = snapshot.seq;
    this.checkpoints = snapshot.checkpoints;
    for (const listener of this.progressListeners) listener(snapshot.checkpoints);
    this.release();
  }

  private release(): void {
    const low = this.lowestCheckpoint();
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.position <= low ? w.resolve() : still.push(w));
    this.waiters = still;
  }

  private lowestCheckpoint(): bigint {
    return lowestCheckpoint(this.checkpoints);
  }
}
