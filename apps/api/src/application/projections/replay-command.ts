import cliProgress from 'cli-progress';
import type { SqliteEventStoreBundle } from '#ordo/event-store';
import type { OrdoConfig } from '../../config/ordo-config.js';
import { createProjections } from './projection-set.js';
import { replaySqlite } from './sqlite-replay.js';

/**
 * `replay`: every read model rebuilt from position 0 into fresh tables and swapped in, with a
 * progress bar and an ETA on stderr (on a terminal); the summary goes to stdout as JSON. Safe
 * while the server runs on the same file: it keeps serving the old tables until the swap.
 */
export async function runReplay(persistence: SqliteEventStoreBundle, config: OrdoConfig, idSecret: string): Promise<number> {
  if (config.readModels !== 'sqlite') throw new Error('replay rebuilds the SQLite read models; on PostgreSQL, start a projector on a fresh schema');
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'replay [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  const started = Date.now();
  let shown = false;
  const report = await replaySqlite(persistence, config.databaseFile, createProjections({ publicUrl: config.publicUrl, idSecret }), (position, head) => {
    if (!bar) return;
    if (!shown) (bar.start(Number(head), 0, { speed: 0 }), (shown = true));
    bar.setTotal(Number(head));
    bar.update(Number(position), { speed: Math.round(Number(position) / Math.max(0.001, (Date.now() - started) / 1000)) });
  });
  bar?.stop();
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.stderr.write(`replay: ${report.events} events in ${((report.applyMs + report.swapMs) / 1000).toFixed(1)} s (swap ${report.swapMs} ms)\n`);
  return 0;
}
