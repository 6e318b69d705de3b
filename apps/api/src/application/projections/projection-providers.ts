import type { Provider } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { required } from '../../persistence/open-event-store.js';
import { createReadModelClient } from '../../persistence/postgres/read-model-pool.js';
import { EVENT_STORE, POSTGRES_POOL, SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { ApiKeyCache } from '../../merchants/api-key-cache.js';
import { ServerSecrets } from '../../platform/server-secrets.js';
import { ThreadProjectionProgress } from './thread-projection-progress.js';
import type { Projection } from './projection.js';
import { ProjectionProgress } from './projection-progress.js';
import { PROJECTIONS, ProjectionRunner } from './projection-runner.js';
import { ProjectorProgress } from './projector-progress.js';

/**
 * On the embedded file the API applies the projections itself, in the writer's transactions (in
 * the writer thread when there is one: this side then follows its checkpoints); on
 * PostgreSQL the projector process does, and the API only follows its checkpoints.
 */
export function projectionProviders(config: OrdoConfig): Provider[] {
  if (config.readModels === 'sqlite') {
    return [
      ProjectionRunner,
      {
        provide: ProjectionProgress,
        inject: [SQLITE, ProjectionRunner, ServerSecrets, ApiKeyCache],
        useFactory: (sqlite: SqlitePersistence, runner: ProjectionRunner, secrets: ServerSecrets, keys: ApiKeyCache) =>
          sqlite.thread
            ? new ThreadProjectionProgress(sqlite.thread, { publicUrl: config.publicUrl, idSecret: secrets.idSecret, keyRevoked: (keyId) => keys.evict(keyId) })
            : runner,
      },
    ];
  }
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
