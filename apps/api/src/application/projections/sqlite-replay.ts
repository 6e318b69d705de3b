import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { SqliteEventStoreBundle } from '#ordo/event-store';
import { SqliteJobs } from '../../persistence/sql/sqlite-jobs.js';
import type { Projection } from './projection.js';
import { applyBatch, loadCheckpoints, lowestCheckpoint, prepareProjections } from './projection-batch.js';

export interface ReplayProgress {
  /** Log position applied so far, and the head as last seen (it moves while the service writes). */
  (position: bigint, head: bigint): void;
}

export interface ReplayReport {
  events: number;
  /** Rows per table, as swapped in. */
  rows: Record<string, number>;
  /** Time spent applying events into the fresh tables, and swapping them in. */
  applyMs: number;
  swapMs: number;
}

const BATCH = 2_000;

/**
 * Rebuilds the read models into fresh tables and swaps them in. The projections (a fresh set,
 * so no cache of the live ones is shared) write into a scratch file from position 0 while the
 * service keeps serving the old tables; then, in one writer transaction, the last events are
 * applied and every table is replaced by its rebuilt copy, checkpoints included. Readers see the
 * old tables or the new ones, never a mix; a crash before the swap leaves only the scratch file.
 */
export async function replaySqlite(
  persistence: SqliteEventStoreBundle,
  databaseFile: string,
  projections: readonly Projection[],
  progress: ReplayProgress = () => undefined,
): Promise<ReplayReport> {
  const scratchFile = `${databaseFile}.replay`;
  rmSync(scratchFile, { force: true });
  // A scratch file: nothing in it matters until it is copied in, so no journal and no fsync.
  const scratch = new Database(scratchFile);
  scratch.pragma('journal_mode = OFF');
  scratch.pragma('synchronous = OFF');
  const jobs = new SqliteJobs(scratch, (stream) => persistence.store.readStreamNow(stream));
  const started = Date.now();
  let events = 0;
  try {
    scratch.transaction(() => jobs.run(prepareProjections(projections, (s) => s)))();
    // Nobody else writes the scratch file: its checkpoints are kept in memory after this read.
    let checkpoints = jobs.run(loadCheckpoints(projections));
    const applyPage = (): number => {
      const page = persistence.store.readPage(lowestCheckpoint(checkpoints), BATCH);
      if (page.length > 0) checkpoints = scratch.transaction(() => jobs.run(applyBatch(projections, page, checkpoints)))();
      events += page.length;
      return page.length;
    };
    let head = await persistence.store.headPosition();
    while (applyPage() > 0) {
      const at = lowestCheckpoint(checkpoints);
      if (at >= head) head = await persistence.store.headPosition();
      progress(at, head);
      // Lets the service (in this process) go on writing between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const applyMs = Date.now() - started;
    const swapStarted = Date.now();
    const rows = await swapIn(persistence, scratchFile, projections, applyPage);
    return { events, rows, applyMs, swapMs: Date.now() - swapStarted };
  } finally {
    if (scratch.open) scratch.close();
    rmSync(scratchFile, { force: true });
  }
}

/**
 * In one writer job (nothing else is written meanwhile): the events appended since the last page
 * go into the scratch tables, then every table is replaced by its rebuilt copy.
 */
async function swapIn(persistence: SqliteEventStoreBundle, scratchFile: string, projections: readonly Projection[], applyPage: () => number): Promise<Record<string, number>> {
  const db = persistence.db;
  // ATTACH is refused inside a transaction; writer jobs run synchronously, so none is open here.
  db.prepare('ATTACH DATABASE ? AS replay').run(scratchFile);
  try {
    return await persistence.writer.write(() => {
      while (applyPage() > 0);
      const rows: Record<string, number> = {};
      for (const p of projections) {
        for (const table of p.tables) db.exec(`DROP TABLE IF EXISTS main.${table}`);
        // Unqualified CREATE statements create in main. Indexes after the rows: building an index
        // once over sorted input is cheaper than growing it row by row, and this job holds the writer.
        const [indexes, tables] = partition(p.schema, (statement) => /^\s*CREATE\s+(UNIQUE\s+)?INDEX/i.test(statement));
        for (const statement of tables) db.exec(statement);
        for (const table of p.tables) {
          db.exec(`INSERT INTO main.${table} SELECT * FROM replay.${table}`);
          rows[table] = (db.prepare(`SELECT COUNT(*) AS n FROM main.${table}`).get() as { n: number }).n;
        }
        for (const statement of indexes) db.exec(statement);
      }
      db.exec(`INSERT INTO main.projection_checkpoints (name, position, version) SELECT name, position, version FROM replay.projection_checkpoints WHERE true
               ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version`);
      return rows;
    });
  } finally {
    db.exec('DETACH DATABASE replay');
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
