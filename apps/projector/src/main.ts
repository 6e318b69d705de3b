import pino from 'pino';
import { startProjectorRuntime } from '../../api/src/application/projections/projector-runtime.js';
import { loadConfig } from '../../api/src/config/ordo-config.js';

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
const runtime = await startProjectorRuntime(config, {
  info: (message) => log.info(message),
  warn: (message) => log.warn(message),
  error: (err, message) => log.error({ err }, message),
});
log.info({ events: config.events }, 'projector started');
process.stdout.write('projector started\n');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void runtime.stop().then(() => {
      log.info('projector stopped');
      process.exit(0);
    });
  });
}
