import pino from 'pino';
import { APPENDED_CHANNEL } from '#ordo/event-store';
import { PostgresProjector } from '../../api/src/application/projections/postgres-projector.js';
import { createProjections } from '../../api/src/application/projections/projection-set.js';
import { loadConfig } from '../../api/src/config/ordo-config.js';
import { openEventStore, required } from '../../api/src/persistence/open-event-store.js';
import { createReadModelClient, createReadModelPool } from '../../api/src/persistence/postgres/read-model-pool.js';
import { PostgresJobs } from '../../api/src/persistence/sql/postgres-jobs.js';
import { idSecret } from '../../api/src/platform/server-secrets.js';

/**
 * The projector process: reads the log (SQLite, PostgreSQL or KurrentDB, as ORDO_EVENTS says)
 * and writes every read model into PostgreSQL. Run as many as you like: one leads, the others
 * stand by and take over within ORDO_PROJECTOR_IDLE_MS (200 ms) of the leader's session ending.
 */
const config = loadConfig();
const log = pino({ level: config.logLevel, base: { process: 'projector' } });
if (config.readModels !== 'postgres') {
  log.fatal('the projector writes read models on PostgreSQL: set ORDO_READ_MODELS=postgres and ORDO_POSTGRES_URL');
  process.exit(2);
}
const url = required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_READ_MODELS=postgres');
const events = await openEventStore(config);
const pool = createReadModelPool(url);
const client = await pool.connect();
const secret = await new PostgresJobs(client).run(idSecret()).finally(() => client.release());
const projector = new PostgresProjector(pool, () => createReadModelClient(url), events.store, createProjections({ publicUrl: config.publicUrl, idSecret: secret }), {
  idleMs: config.projectorIdleMs,
  batch: config.projectorBatch,
  log: { info: (message) => log.info(message), error: (err, message) => log.error({ err }, message) },
});
projector.start();
// Appends to a PostgreSQL log are notified: the projector looks at once instead of at its next poll.
const appended = config.events === 'postgres' ? createReadModelClient(required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_EVENTS=postgres')) : undefined;
if (appended) {
  appended.on('error', (err) => log.warn({ err }, 'append notifications lost; polling'));
  appended.on('notification', () => projector.wake());
  await appended.connect();
  await appended.query(`LISTEN ${APPENDED_CHANNEL}`);
}
log.info({ events: config.events }, 'projector started');
process.stdout.write('projector started\n');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await appended?.end().catch(() => undefined);
      await projector.stop();
      await pool.end();
      await events.close();
      log.info('projector stopped');
      process.exit(0);
    })();
  });
}
