import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { deploymentOf, type EventStore, type RecordedEvent } from '#ordo/event-store';
import { PostgresJobs } from '../../persistence/sql/postgres-jobs.js';
import type { Projection } from './projection.js';
import { loadCheckpoints, lowestCheckpoint } from './projection-batch.js';
import { ProjectionProgress } from './projection-progress.js';

/** Sent by the projector (pg_notify, delivered at commit) after each batch: `<deployment>:<lowest checkpoint>`. */
export const PROJECTED_CHANNEL = 'ordo_projected';

export interface ProjectorProgressOptions {
  /** How often the checkpoints are read anyway (a missed notification, a listener reconnecting). */
  pollMs: number;
  /** How long a writer waits for the projector before answering without read-your-writes. */
  waitMs: number;
}

interface Waiter {
  position: bigint;
  resolve(): void;
  timer: NodeJS.Timeout;
}

/**
 * The API's view of the projector on PostgreSQL: it applies nothing itself. It listens for the
 * projector's NOTIFY after each committed batch (and polls the checkpoints as a fallback), so a
 * writer waiting for its append is released within a round trip of the projector's commit.
 *
 * A writer never waits forever: with the projector down, the append is already durable and the
 * answer is built from the stream's fold, so after `waitMs` the request is answered anyway (and a
 * warning logged) — only an immediate read through the read models might not show it yet.
 */
export class ProjectorProgress extends ProjectionProgress implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private lowest = 0n;
  private waiters: Waiter[] = [];
  private readonly listeners: ((events: readonly RecordedEvent[]) => void)[] = [];
  /** Where the listeners were last told up to. */
  private told?: bigint;
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly listenSession: () => pg.Client,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectorProgressOptions,
  ) {
    super();
  }

  async start(): Promise<void> {
    await this.refresh();
    this.told = this.lowest;
    await this.listen();
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs);
    this.timer.unref();
  }

  kick(): void {
    // The projector is woken by the event store's own notification; nothing to do here.
  }

  waitFor(position: bigint): Promise<void> {
    if (this.lowest >= position) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        this.logger.warn(`the projector has not reached position ${position} after ${this.options.waitMs} ms (it stands at ${this.lowest}): answering without waiting`);
        resolve();
      }, this.options.waitMs);
      timer.unref();
      this.waiters.push({ position, resolve, timer });
    });
  }

  lag(head: bigint): bigint {
    return head > this.lowest ? head - this.lowest : 0n;
  }

  onApplied(listener: (events: readonly RecordedEvent[]) => void): void {
    this.listeners.push(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const w of this.waiters) (clearTimeout(w.timer), w.resolve());
    this.waiters = [];
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = this.listenSession();
    client.on('error', (error) => {
      // The poll keeps writers moving meanwhile; listen again on a fresh session.
      this.logger.warn(`projection notifications lost (${(error as Error).message}); listening again`);
      if (this.listener === client) this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), this.options.pollMs).unref();
    });
    await client.connect();
    const mine = await deploymentOf(client);
    client.on('notification', (message) => {
      // Another deployment's projector in the same database is none of our business.
      const cut = message.payload?.lastIndexOf(':') ?? -1;
      if (cut < 0 || message.payload!.slice(0, cut) !== mine) return;
      this.advance(BigInt(message.payload!.slice(cut + 1)));
    });
    await client.query(`LISTEN ${PROJECTED_CHANNEL}`);
    this.listener = client;
  }

  /** Reads the committed checkpoints (0 before the projector has made its table). */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const checkpoints = await new PostgresJobs(this.pool).run(loadCheckpoints(this.projections));
        this.advance(lowestCheckpoint(checkpoints));
      } catch (error) {
        if ((error as { code?: string }).code !== '42P01') this.logger.warn(`reading the projector's checkpoints failed: ${(error as Error).message}`);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private advance(position: bigint): void {
    if (position <= this.lowest) return;
    this.lowest = position;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.position <= position) (clearTimeout(w.timer), w.resolve());
      else still.push(w);
    }
    this.waiters = still;
    if (this.listeners.length > 0) void this.tell();
  }

  private telling = false;

  /** Hands the listeners each page the projector has committed since they were last told. */
  private async tell(): Promise<void> {
    if (this.telling) return;
    this.telling = true;
    try {
      while (this.told !== undefined && this.told < this.lowest) {
        const page = await this.store.readAll({ fromPosition: this.told, limit: 500 });
        const applied = page.filter((e) => e.position <= this.lowest);
        if (applied.length === 0) break;
        this.told = applied[applied.length - 1]!.position;
        for (const listener of this.listeners) listener(applied);
      }
    } catch (error) {
      this.logger.warn(`reading applied events for listeners failed: ${(error as Error).message}`);
    } finally {
      this.telling = false;
    }
  }
}
