import type pg from 'pg';
import { DEPLOYMENT_SQL, deploymentLockSql, type EventStore } from '#ordo/event-store';
import { PostgresJobs } from '../../persistence/sql/postgres-jobs.js';
import { postgresDdl } from '../../persistence/sql/postgres-sql.js';
import { run } from '../../persistence/sql/sql-job.js';
import type { Projection } from './projection.js';
import { PROJECTED_CHANNEL } from './projector-progress.js';
import { applyBatch, CheckpointMovedError, loadCheckpoints, lowestCheckpoint, prepareProjections } from './projection-batch.js';

/** Held for the projector's whole session, whoever holds it is the deployment's one active projector (see deploymentLockSql): "Proj". */
export const PROJECTOR_LOCK_KEY = 0x50726f6a;

export interface ProjectorLog {
  info(message: string): void;
  error(error: unknown, message: string): void;
}

export interface PostgresProjectorOptions {
  /** Events per transaction. Default 500. */
  batch?: number;
  /** How long an idle projector (or a standby asking for the lock) waits before looking again. Default 200 ms. */
  idleMs?: number;
  log?: ProjectorLog;
}

const quiet: ProjectorLog = { info: () => undefined, error: () => undefined };

/**
 * The read models on PostgreSQL, fed from any event store. One projector is active at a time: it
 * holds a session advisory lock on a connection of its own, and a standby waits for that lock,
 * which PostgreSQL releases the moment the active one's session ends (a crash included). Each
 * page of the log is applied in one transaction with the checkpoints' compare-and-set (see
 * `applyBatch`), so even two projectors that both believe they lead cannot apply an event twice:
 * the later transaction finds its checkpoint moved and is rolled back.
 */
export class PostgresProjector {
  private readonly batch: number;
  private readonly idleMs: number;
  private readonly log: ProjectorLog;
  private stopping = false;
  private lockSession?: pg.Client;
  private running?: Promise<void>;
  private checkpoints = new Map<string, bigint>();
  private waiters: { position: bigint; resolve(): void }[] = [];
  private wakeIdle?: () => void;
  /** A wake-up that came while busy: the next idle wait is skipped. */
  private woken = false;
  private leading = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly lockSessionFactory: () => pg.Client,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    options: PostgresProjectorOptions = {},
  ) {
    this.batch = options.batch ?? 500;
    this.idleMs = options.idleMs ?? 200;
    this.log = options.log ?? quiet;
  }

  /** True while this instance holds the lock and projects. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts in the background: waits for the lock (a standby stays there), then projects until `stop()`. */
  start(): void {
    this.running ??= this.runUntilStopped();
  }

  /** Resolves once every projection has applied the event at `position` (in this instance). */
  caughtUp(position: bigint): Promise<void> {
    if (this.lowest() >= position) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ position, resolve });
      this.wakeIdle?.();
    });
  }

  /** Looks at the log now rather than after the idle wait (an append was just notified). */
  wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  /** Finishes the batch in flight, lets go of the lock (a standby takes over) and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeIdle?.();
    await this.running;
  }

  private async runUntilStopped(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.acquire())) {
          await this.idle();
          continue;
        }
        this.log.info('projector: leading');
        await this.prepareTables();
        while (!this.stopping && this.leading) {
          if (!(await this.applyNextBatch())) await this.idle();
        }
      } catch (error) {
        if (this.stopping) break;
        this.log.error(error, 'projector: batch failed, retrying');
        await this.idle();
      }
    }
    await this.release();
  }

  /** Asks for the lock once; a lost lock session means this instance no longer leads. */
  private async acquire(): Promise<boolean> {
    if (this.leading) return true;
    if (!this.lockSession) {
      const session = this.lockSessionFactory();
      session.on('error', (error) => {
        this.log.error(error, 'projector: lock session lost');
        this.leading = false;
        if (this.lockSession === session) this.lockSession = undefined;
        this.wakeIdle?.();
      });
      await session.connect();
      this.lockSession = session;
    }
    const { rows } = await this.lockSession.query<{ ok: boolean }>(deploymentLockSql('pg_try_advisory_lock'), [PROJECTOR_LOCK_KEY]);
    this.leading = rows[0]!.ok;
    return this.leading;
  }

  private async release(): Promise<void> {
    this.leading = false;
    const session = this.lockSession;
    this.lockSession = undefined;
    // Ending the session releases its advisory lock.
    await session?.end().catch(() => undefined);
  }

  private async prepareTables(): Promise<void> {
    this.adopt(
      await this.inTransaction(async (jobs) => {
        await jobs.run(prepareProjections(this.projections, postgresDdl));
        return jobs.run(loadCheckpoints(this.projections));
      }),
    );
  }

  /** Applies the next page of the log; false when there was nothing to apply. */
  private async applyNextBatch(): Promise<boolean> {
    // A wake-up from here on is for events this batch may not read: it is kept.
    this.woken = false;
    try {
      const { checkpoints, applied } = await this.inTransaction(async (jobs) => {
        const stored = await jobs.run(loadCheckpoints(this.projections));
        const events = await this.store.readAll({ fromPosition: lowestCheckpoint(stored), limit: this.batch });
        if (events.length === 0) return { checkpoints: stored, applied: false };
        const after = await jobs.run(applyBatch(this.projections, events, stored));
        // Delivered at commit: API processes waiting for their appends are released at once.
        await jobs.run(run(`SELECT pg_notify(?, ${DEPLOYMENT_SQL} || ':' || ?)`, [PROJECTED_CHANNEL, lowestCheckpoint(after).toString()]));
        return { checkpoints: after, applied: true };
      });
      // Only once committed: a waiter told "applied" may read the rows at once.
      this.adopt(checkpoints);
      return applied;
    } catch (error) {
      if (error instanceof CheckpointMovedError) {
        this.log.info(`projector: checkpoint of ${error.projection} moved under the batch; reading it again`);
        return true;
      }
      throw error;
    }
  }

  private async inTransaction<T>(work: (jobs: PostgresJobs) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresJobs(client, (stream) => this.store.readStream(stream)));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private adopt(checkpoints: Map<string, bigint>): void {
    this.checkpoints = checkpoints;
    const low = this.lowest();
    const still = this.waiters.filter((w) => w.position > low);
    for (const w of this.waiters) if (w.position <= low) w.resolve();
    this.waiters = still;
  }

  private lowest(): bigint {
    return lowestCheckpoint(this.checkpoints);
  }

  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), this.idleMs);
      const done = () => {
        clearTimeout(timer);
        this.woken = false;
        this.wakeIdle = undefined;
        resolve();
      };
      this.wakeIdle = done;
    });
  }
}
