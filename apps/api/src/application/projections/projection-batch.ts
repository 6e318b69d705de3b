import type { RecordedEvent } from '#ordo/event-store';
import { all, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import type { Projection } from './projection.js';

export const CHECKPOINTS_TABLE = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1)`;

/** Another runner moved a checkpoint this batch started from: the batch is rolled back and retried. */
export class CheckpointMovedError extends Error {
  readonly code = 'CHECKPOINT_MOVED';
  constructor(readonly projection: string) {
    super(`the checkpoint of projection ${projection} moved under this batch`);
    this.name = 'CheckpointMovedError';
  }
}

/** Every projection's checkpoint as stored (0 for one without a row). */
export function* loadCheckpoints(projections: readonly Projection[]): SqlJob<Map<string, bigint>> {
  const rows = yield* all<{ name: string; position: number | bigint }>('SELECT name, position FROM projection_checkpoints');
  const stored = new Map(rows.map((r) => [r.name, BigInt(r.position)]));
  return new Map(projections.map((p) => [p.name, stored.get(p.name) ?? 0n]));
}

/**
 * Creates each projection's tables; one whose code changed its version since its rows were written
 * starts over: its tables are dropped (their columns may have changed), re-created and filled
 * again from 0. `ddl` spells a statement for the engine.
 */
export function* upgradeProjections(projections: readonly Projection[], ddl: (statement: string) => string): SqlJob<void> {
  for (const p of projections) {
    const version = p.version ?? 1;
    const rows = yield* all<{ version: number }>('SELECT version FROM projection_checkpoints WHERE name = ?', [p.name]);
    const stored = rows[0];
    if (stored && Number(stored.version) !== version) {
      for (const table of p.tables) yield* run(`DROP TABLE IF EXISTS ${table}`);
      yield* run('UPDATE projection_checkpoints SET position = 0, version = ? WHERE name = ?', [version, p.name]);
    } else if (!stored) {
      yield* run('INSERT INTO projection_checkpoints (name, position, version) VALUES (?, 0, ?)', [p.name, version]);
    }
    for (const statement of p.schema) yield* run(ddl(statement));
  }
}

/** The checkpoints table and every projection's tables, spelled for the engine by `ddl`. */
export function* prepareProjections(projections: readonly Projection[], ddl: (statement: string) => string): SqlJob<void> {
  yield* run(ddl(CHECKPOINTS_TABLE));
  yield* upgradeProjections(projections, ddl);
}

/**
 * Applies one page of the log to every projection past its checkpoint and moves the checkpoints,
 * each by compare-and-set against the value the batch started from: if another runner (a second
 * projector that thought it led, a CLI rebuild) moved one meanwhile, the batch throws and its
 * transaction — rows included — is rolled back. Answers the checkpoints after the batch.
 */
export function* applyBatch(projections: readonly Projection[], events: readonly RecordedEvent[], stored: ReadonlyMap<string, bigint>): SqlJob<Map<string, bigint>> {
  const after = new Map(stored);
  for (const p of projections) {
    const done = stored.get(p.name) ?? 0n;
    let last = done;
    p.beginBatch?.();
    for (const event of events) {
      if (event.position <= done) continue;
      if (p.handles.has(event.type)) yield* p.apply(event);
      last = event.position;
    }
    if (p.endBatch) yield* p.endBatch();
    if (last !== done) {
      const changed = yield* run('UPDATE projection_checkpoints SET position = ? WHERE name = ? AND position = ?', [last, p.name, done]);
      if (changed !== 1) throw new CheckpointMovedError(p.name);
      after.set(p.name, last);
    }
  }
  return after;
}

/** Empties the chosen projections' tables and sets their checkpoints to 0. */
export function* resetProjections(projections: readonly Projection[]): SqlJob<void> {
  for (const p of projections) {
    for (const table of p.tables) yield* run(`DELETE FROM ${table}`);
    yield* run('UPDATE projection_checkpoints SET position = 0 WHERE name = ?', [p.name]);
  }
}

/** Where the slowest projection stands: the next page of the log starts after it. */
export function lowestCheckpoint(checkpoints: ReadonlyMap<string, bigint>): bigint {
  let low: bigint | undefined;
  for (const c of checkpoints.values()) if (low === undefined || c < low) low = c;
  return low ?? 0n;
}
