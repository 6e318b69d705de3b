import { PostgresEventStore } from '#ordo/event-store';
import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { PostgresProjector } from '../apps/api/src/application/projections/postgres-projector.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { ProjectorProgress } from '../apps/api/src/application/projections/projector-progress.js';
import { loadConfig } from '../apps/api/src/config/ordo-config.js';
import { createReadModelClient, createReadModelPool } from '../apps/api/src/persistence/postgres/read-model-pool.js';
import { WorkerLease } from '../apps/api/src/platform/worker-lease.js';

/**
 * Advisory locks and notifications are database-wide in PostgreSQL; Ordo scopes each to its
 * deployment (the schema its connections use). Two deployments in one database each get their own
 * leading projector and their own workers' lock, and a writer in one is never released by the
 * other's projector.
 */
describeWithPostgres('two deployments in one PostgreSQL database', () => {
  const projections = createProjections({ publicUrl: 'http://localhost', idSecret: 'x'.repeat(64) });
  const opened: { close(): Promise<void> }[] = [];

  async function deployment() {
    const schema: TestSchema = await freshPostgresSchema('deploy');
    const store = await PostgresEventStore.connect(schema.url);
    const pool = createReadModelPool(schema.url);
    const projector = new PostgresProjector(pool, () => createReadModelClient(schema.url), store, projections, { idleMs: 20 });
    const config = loadConfig({ ORDO_READ_MODELS: 'postgres', ORDO_EVENTS: 'postgres', ORDO_POSTGRES_URL: schema.url, ORDO_PROJECTOR_IDLE_MS: '20' });
    const lease = new WorkerLease(config);
    const progress = new ProjectorProgress(pool, () => createReadModelClient(schema.url), store, projections, { pollMs: 60_000, waitMs: 60_000 });
    opened.push({
      close: async () => {
        await progress.onApplicationShutdown();
        await lease.onApplicationShutdown();
        await projector.stop();
        await pool.end();
        await store.close();
        await schema.drop();
      },
    });
    return { store, projector, lease, progress };
  }

  afterAll(async () => {
    for (const o of opened) await o.close();
  });

  it('each leads its own projector and workers, and only its own projector releases its writers', async () => {
    const a = await deployment();
    const b = await deployment();
    a.projector.start();
    b.projector.start();
    await Promise.all([a.lease.onApplicationBootstrap(), b.lease.onApplicationBootstrap(), a.progress.start(), b.progress.start()]);
    expect([a.lease.active, b.lease.active]).toEqual([true, true]);

    const appended = await a.store.append('order-ord_1', [{ type: 'Noted', data: {}, metadata: { merchant_id: 'mer_1', mode: 'test', schema_version: 1 } }], 'no_stream');
    await a.progress.waitFor(appended.position);
    await a.projector.caughtUp(appended.position);
    expect([a.projector.isLeader, b.projector.isLeader]).toEqual([true, true]);
    // B's log is empty: A's projector's notification must not move B's view.
    expect(b.progress.lag(appended.position)).toBe(appended.position);
  }, 30_000);
});
