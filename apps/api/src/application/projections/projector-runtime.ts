import { APPENDED_CHANNEL, deploymentOf } from '#ordo/event-store';
import type { OrdoConfig } from '../../config/ordo-config.js';
import { openEventStore, required } from '../../persistence/open-event-store.js';
import { createReadModelClient, createReadModelPool } from '../../persistence/postgres/read-model-pool.js';
import { PostgresJobs } from '../../persistence/sql/postgres-jobs.js';
import { idSecret } from '../../platform/server-secrets.js';
import { PostgresProjector, type ProjectorLog } from './postgres-projector.js';
import { createProjections } from './projection-set.js';

export interface ProjectorRuntime {
  projector: PostgresProjector;
  /** Finishes the batch in flight, lets go of the lead and closes every connection. */
  stop(): Promise<void>;
}

/**
 * Everything the projector process runs, as the configuration says: the log (ORDO_EVENTS), the
 * PostgreSQL read models, the id secret shared with the API processes, and — on a PostgreSQL log
 * — a LISTEN for appends, so the projector looks at once instead of at its next poll.
 */
export async function startProjectorRuntime(config: OrdoConfig, log: ProjectorLog & { warn(message: string): void }): Promise<ProjectorRuntime> {
  if (config.readModels !== 'postgres') throw new Error('the projector writes read models on PostgreSQL: set ORDO_READ_MODELS=postgres and ORDO_POSTGRES_URL');
  const url = required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_READ_MODELS=postgres');
  const events = await openEventStore(config);
  const pool = createReadModelPool(url);
  const client = await pool.connect();
  const secret = await new PostgresJobs(client).run(idSecret()).finally(() => client.release());
  const projections = createProjections({ publicUrl: config.publicUrl, idSecret: secret });
  const projector = new PostgresProjector(pool, () => createReadModelClient(url), events.store, projections, { idleMs: config.projectorIdleMs, batch: config.projectorBatch, log });
  projector.start();
  const appended = config.events === 'postgres' ? createReadModelClient(url) : undefined;
  if (appended) {
    appended.on('error', (error) => log.warn(`append notifications lost (${error.message}); polling`));
    await appended.connect();
    const mine = await deploymentOf(appended);
    appended.on('notification', (message) => message.payload === mine && projector.wake());
    await appended.query(`LISTEN ${APPENDED_CHANNEL}`);
  }
  // KurrentDB pushes new events to a live subscription: used only as the wake-up.
  const live = config.events === 'kurrentdb' ? events.store.subscribeToAll(await events.store.headPosition(), () => projector.wake()) : undefined;
  live?.done.catch((error: Error) => log.warn(`live subscription ended (${error.message}); polling`));
  return {
    projector,
    async stop() {
      await live?.unsubscribe().catch(() => undefined);
      await appended?.end().catch(() => undefined);
      await projector.stop();
      await pool.end();
      await events.close();
    },
  };
}
