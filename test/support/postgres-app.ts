import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresSchema, type TestSchema } from '../../libs/event-store/src/testing/postgres-test-schema.js';
import { startProjectorRuntime, type ProjectorRuntime } from '../../apps/api/src/application/projections/projector-runtime.js';
import { loadConfig, type OrdoConfig } from '../../apps/api/src/config/ordo-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import type { Clock } from '../../apps/api/src/platform/clock.js';
import { withTwoMerchants, type ApiClient } from './test-app.js';

export interface PostgresTestApp extends ApiClient {
  schema: TestSchema;
  config: OrdoConfig;
  dir: string;
  projector: ProjectorRuntime;
  close(): Promise<void>;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The scale-out configuration for tests: settings of a fresh schema, as the processes would read them. */
export function postgresEnv(schema: TestSchema, dir: string): Record<string, string> {
  return { ORDO_DATA_DIR: dir, LOG_LEVEL: 'silent', ORDO_EVENTS: 'postgres', ORDO_READ_MODELS: 'postgres', ORDO_POSTGRES_URL: schema.url };
}

/**
 * The real application on the scale-out configuration: the log, read models and service state in
 * a fresh PostgreSQL schema, and the projector (the same runtime the projector process runs)
 * beside it in this process.
 */
export async function startPostgresTestApp(overrides: Partial<OrdoConfig> = {}, clock?: Clock): Promise<PostgresTestApp> {
  const schema = await freshPostgresSchema('api');
  const dir = mkdtempSync(join(tmpdir(), 'ordo-pg-test-'));
  const config = loadConfig(postgresEnv(schema, dir), { webhookPollMs: 0, rateLimitWritesPerSecond: 0, rateLimitReadsPerSecond: 0, ...overrides });
  const projector = await startProjectorRuntime(config, quiet);
  const app = await createApp({ config, silent: true, ...(clock ? { clock } : {}) });
  return {
    ...(await withTwoMerchants(app)),
    schema,
    config,
    dir,
    projector,
    async close() {
      await app.close();
      await projector.stop();
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
