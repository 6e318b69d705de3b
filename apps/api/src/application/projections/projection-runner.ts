import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import type { EventStore } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { EVENT_STORE, SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import type { Projection } from './projection.js';

export const PROJECTIONS = Symbol('PROJECTIONS');
const BATCH = 500;

interface Waiter {
  position: bigint;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Feeds every projection from the global log. Each batch of events is applied, and each
 * projection's checkpoint moved, in one writer job (one transaction), so rows and checkpoints
 * always agree. Writers wait on `waitFor(position)` to give read-your-writes; a timer picks up
 * events appended by other processes (the CLI).
 */
@Injectable()
export class ProjectionRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly checkpoints = new Map<string, bigint>();
  private waiters: Waiter[] = [];
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private started = false;
  private saveCheckpoint?: Statement;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  /** Creates tables, loads checkpoints and catches up with the log. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const db = this.sqlite.db;
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    for (const p of this.projections) {
      for (const statement of p.schema) db.exec(statement);
      p.prepare(db);
    }
    this.saveCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
    const rows = db.prepare('SELECT name, position FROM projection_checkpoints').safeIntegers(true).all() as { name: string; position: bigint }[];
    for (const p of this.projections) this.checkpoints.set(p.name, rows.find((r) => r.name === p.name)?.position ?? 0n);
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
    await this.sqlite.writer.write((db) => {
      for (const p of chosen) {
        for (const table of p.tables) db.prepare(`DELETE FROM ${table}`).run();
        db.prepare('INSERT INTO projection_checkpoints (name, position) VALUES (?, 0) ON CONFLICT(name) DO UPDATE SET position = 0').run(p.name);
      }
    });
    for (const p of chosen) this.checkpoints.set(p.name, 0n);
    await this.catchUp();
  }

  /**
   * Moves every checkpoint back without touching the rows, so events are delivered again:
   * projections must ignore what they already applied (used to prove replay safety).
   */
  async rewind(position: bigint): Promise<void> {
    await this.sqlite.writer.write((db) => void db.prepare('UPDATE projection_checkpoints SET position = ? WHERE position > ?').run(position, position));
    for (const [name, c] of this.checkpoints) if (c > position) this.checkpoints.set(name, position);
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
        const moved = await this.sqlite.writer.write(() => this.applyNextBatch());
        if (!moved) break;
        for (const [name, position] of moved) this.checkpoints.set(name, position);
        this.release();
      }
      this.release();
    } catch (error) {
      this.logger.error({ err: error }, 'projection batch failed');
      const failed = this.waiters;
      this.waiters = [];
      for (const w of failed) w.reject(error);
    }
  }

  private applyNextBatch(): Map<string, bigint> | undefined {
    const events = this.sqlite.store.readPage(this.lowestCheckpoint(), BATCH);
    if (events.length === 0) return undefined;
    const next = new Map<string, bigint>();
    for (const p of this.projections) {
      const done = this.checkpoints.get(p.name) ?? 0n;
      let last = done;
      p.beginBatch?.();
      for (const event of events) {
        if (event.position <= done) continue;
        if (p.handles.has(event.type)) p.apply(event);
        last = event.position;
      }
      p.endBatch?.();
      if (last !== done) {
        this.saveCheckpoint!.run(p.name, last);
        next.set(p.name, last);
      }
    }
    return next;
  }

  private release(): void {
    const low = this.lowestCheckpoint();
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.position <= low ? w.resolve() : still.push(w));
    this.waiters = still;
  }

  private lowestCheckpoint(): bigint {
    let low: bigint | undefined;
    for (const c of this.checkpoints.values()) if (low === undefined || c < low) low = c;
    return low ?? 0n;
  }
}
