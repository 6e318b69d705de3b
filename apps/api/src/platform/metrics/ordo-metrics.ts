import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStore } from '#ordo/event-store';
import { ProjectionProgress } from '../../application/projections/projection-progress.js';
import { EVENT_STORE, SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';

export type IdempotencyOutcome = 'claimed' | 'replayed' | 'in_use' | 'reused';

/**
 * The service's Prometheus metrics (prom-client), one registry per app: request durations by
 * route, the writer's batch sizes and COMMIT (fsync) times on the embedded file, how far the
 * projections are behind the log, idempotency outcomes, and Node's own (memory, event-loop lag,
 * GC). Labels never carry ids or tenants: routes are templates (`/v1/orders/:id`).
 */
@Injectable()
export class OrdoMetrics implements OnModuleInit {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, from the handler being reached to the answer',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly appendBatch = new Histogram({
    name: 'ordo_writer_batch_jobs',
    help: 'Jobs (appends, projection batches, idempotency records) per SQLite writer transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });
  readonly commit = new Histogram({
    name: 'ordo_writer_commit_seconds',
    help: 'Time of each SQLite writer COMMIT (the fsync, at synchronous=FULL)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  readonly idempotency = new Counter({
    name: 'ordo_idempotency_requests_total',
    help: 'Keyed POSTs by outcome: claimed (ran), replayed (stored answer), in_use, reused (another request)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionProgress,
    @Optional() @Inject(SQLITE) private readonly sqlite?: SqlitePersistence,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const { store: events, projections: progress } = this;
    new Gauge({
      name: 'ordo_projection_lag_events',
      help: 'Log positions the slowest projection is behind the head, as this process last saw it',
      registers: [this.registry],
      async collect() {
        this.set(Number(progress.lag(await events.headPosition())));
      },
    });
  }

  onModuleInit(): void {
    // On PostgreSQL the log's transactions are PostgreSQL's: its own statistics cover them.
    (this.sqlite?.thread ?? this.sqlite?.writer)?.onCommitted(({ jobs, commitMs }) => {
      this.appendBatch.observe(jobs);
      this.commit.observe(commitMs / 1000);
    });
  }

  countIdempotency(outcome: IdempotencyOutcome): void {
    this.idempotency.inc({ outcome });
  }
}
