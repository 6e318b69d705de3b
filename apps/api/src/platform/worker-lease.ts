import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { deploymentLockSql } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config.js';

/** Held by the one process running the scheduled jobs of a PostgreSQL deployment (see deploymentLockSql): "Work". */
export const WORKER_LOCK_KEY = 0x576f726b;

/**
 * Says whether this process runs the scheduled jobs (processor recovery, authorization and
 * checkout expiry, renewals, invoice schedules, webhook delivery, idempotency purges). On the
 * embedded file there is one process: it does, unless ORDO_WORKERS=off. On PostgreSQL any number
 * of processes may be started with workers on; one holds a session advisory lock and runs them,
 * the others stand by and take over within a poll of its session ending (a crash included). The
 * jobs are safe to overlap anyway — every command they issue is decided against the stream's
 * revision — the lock only keeps them from doing the same work twice (a webhook sent twice).
 */
@Injectable()
export class WorkerLease implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private held: boolean;
  private session?: pg.Client;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(@Inject(ORDO_CONFIG) private readonly config: OrdoConfig) {
    this.held = config.workers && config.readModels === 'sqlite';
  }

  /** True while this process should run the scheduled jobs. */
  get active(): boolean {
    return this.held;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workers || this.config.readModels === 'sqlite') return;
    await this.tryAcquire();
    this.timer = setInterval(() => void this.tryAcquire(), this.config.projectorIdleMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.held = false;
    // Ending the session lets go of the lock: a standby takes over at once.
    await this.session?.end().catch(() => undefined);
    this.session = undefined;
  }

  private async tryAcquire(): Promise<void> {
    if (this.held || this.stopped) return;
    try {
      if (!this.session) {
        const session = new pg.Client({ connectionString: this.config.postgresUrl });
        session.on('error', (error) => {
          this.logger.warn(`workers' lock session lost (${error.message}): standing by`);
          this.held = false;
          if (this.session === session) this.session = undefined;
        });
        await session.connect();
        this.session = session;
      }
      const { rows } = await this.session.query<{ ok: boolean }>(deploymentLockSql('pg_try_advisory_lock'), [WORKER_LOCK_KEY]);
      if (rows[0]?.ok && !this.stopped) {
        this.held = true;
        this.logger.log('running the scheduled jobs');
      }
    } catch (error) {
      this.logger.warn(`asking for the workers' lock failed: ${(error as Error).message}`);
    }
  }
}
