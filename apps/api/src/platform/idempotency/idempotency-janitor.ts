import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../worker-lease.js';
import { Clock } from '../clock.js';
import { IdempotencyStore } from './idempotency.store.js';

const EVERY_MS = 15 * 60_000;

/**
 * Deletes idempotency records past their 24 h retention. Expired records are already ignored
 * on look-up; this only keeps the table from growing without bound.
 */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly lease: WorkerLease,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.lease.active && void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const removed = await this.store.purgeExpired(this.clock.nowIso());
    if (removed > 0) this.logger.log(`removed ${removed} expired idempotency records`);
    return removed;
  }
}
