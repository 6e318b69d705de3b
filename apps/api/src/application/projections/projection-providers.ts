import type { Provider } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { required } from '../../persistence/open-event-store.js';
import { createReadModelClient } from '../../persistence/postgres/read-model-pool.js';
import { EVENT_STORE, POSTGRES_POOL } from '../../persistence/tokens.js';
import type { Projection } from './projection.js';
import { ProjectionProgress } from './projection-progress.js';
import { PROJECTIONS, ProjectionRunner } from './projection-runner.js';
import { ProjectorProgress } from './projector-progress.js';

/**
 * On the embedded file the API applies the projections itself, in the writer's transactions; on
 * PostgreSQL the projector process does, and the API only follows its checkpoints.
 */
export function projectionProviders(config: OrdoConfig): Provider[] {
  if (config.readModels === 'sqlite') return [ProjectionRunner, { provide: ProjectionProgress, useExisting: ProjectionRunner }];
  const url = required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_READ_MODELS=postgres');
  return [
    {
      provide: ProjectionProgress,
      inject: [POSTGRES_POOL, EVENT_STORE, PROJECTIONS, ORDO_CONFIG],
      useFactory: (pool: pg.Pool, store: EventStore, projections: Projection[], c: OrdoConfig) =>
        new ProjectorProgress(pool, () => createReadModelClient(url), store, projections, { pollMs: 1000, waitMs: c.projectionWaitMs }),
    },
  ];
}
