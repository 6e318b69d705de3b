import cliProgress from 'cli-progress';
import type { SqliteEventStoreBundle } from '#ordo/event-store';
import type { OrdoConfig } from '../../config/ordo-config.js';
import { openEventStore, required } from '../../persistence/open-event-store.js';
import { createReadModelPool } from '../../persistence/postgres/read-model-pool.js';
import { PostgresJobs } from '../../persistence/sql/postgres-jobs.js';
import { idSecret } from '../../platform/server-secrets.js';
import { replayPostgres } from './postgres-replay.js';
import { createProjections } from './projection-set.js';
import { replaySqlite, type ReplayProgress, type ReplayReport } from './sqlite-replay.js';

/** A progress bar with speed and ETA on stderr when it is a terminal; nothing otherwise. */
function progressBar(): { update: ReplayProgress; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: 'replay [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  let shown = false;
  return {
    update(position, head) {
      if (!shown) (bar.start(Number(head), 0, { speed: 0 }), (shown = true));
      bar.setTotal(Number(head));
      bar.update(Number(position), { speed: Math.round(Number(position) / Math.max(0.001, (Date.now() - started) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}

function printed(report: ReplayReport): number {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.stderr.write(`replay: ${report.events} events in ${((report.applyMs + report.swapMs) / 1000).toFixed(1)} s (swap ${report.swapMs} ms)\n`);
  return 0;
}

/**
 * `replay` on the SQLite read models: every read model rebuilt from position 0 into fresh tables
 * and swapped in; the summary goes to stdout as JSON. Safe while the server runs on the same
 * file: it keeps serving the old tables until the swap.
 */
export async function runReplay(persistence: SqliteEventStoreBundle, config: OrdoConfig, secret: string): Promise<number> {
  const bar = progressBar();
  const report = await replaySqlite(persistence, config.databaseFile, createProjections({ publicUrl: config.publicUrl, idSecret: secret }), bar.update);
  bar.stop();
  return printed(report);
}

/** `replay` with ORDO_READ_MODELS=postgres: the same, into a scratch schema, while the projector runs. */
export async function runPostgresReplay(config: OrdoConfig): Promise<number> {
  const pool = createReadModelPool(required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_READ_MODELS=postgres'));
  const events = await openEventStore(config);
  try {
    const client = await pool.connect();
    const secret = await new PostgresJobs(client).run(idSecret()).finally(() => client.release());
    const bar = progressBar();
    const report = await replayPostgres(pool, events.store, createProjections({ publicUrl: config.publicUrl, idSecret: secret }), bar.update);
    bar.stop();
    return printed(report);
  } finally {
    await pool.end();
    await events.close();
  }
}
