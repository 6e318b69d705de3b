import cliProgress from 'cli-progress';
import { writeFileSync } from 'node:fs';
import type { EventStore } from '#ordo/event-store';
import type { ReadDb } from '../persistence/read-db.js';
import { differencesCsv, reconcile } from './reconcile.js';

/**
 * `reconcile [--format=json|csv] [--out=FILE]`: the report goes to FILE or stdout, a progress bar
 * with an ETA to stderr (only on a terminal). Exit 0 when the read models agree with the log,
 * 2 when there are differences.
 */
export async function runReconcile(reads: ReadDb, store: EventStore, args: string[]): Promise<number> {
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const format = option('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new Error('--format must be json or csv');
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'reconcile [{bar}] {percentage}% | {value}/{total} orders | ETA {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  const report = await reconcile(reads, store, (done, total) => {
    if (!bar) return;
    if (!started) (bar.start(total, 0), (started = true));
    bar.update(done);
  });
  bar?.stop();
  const text = format === 'csv' ? differencesCsv(report.differences) : JSON.stringify(report, null, 2) + '\n';
  const out = option('out');
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  process.stderr.write(`reconcile: ${report.orders} orders, ${report.rows_checked} rows checked at log position ${report.position}, ${report.differences.length} differences\n`);
  return report.differences.length === 0 ? 0 : 2;
}
