import type { RecordedEvent } from '#ordo/event-store';
import type { SqlJob } from '../../persistence/sql/sql-job.js';

/**
 * A projection turns events into read-model rows, written once for SQLite and PostgreSQL: `apply`
 * and `endBatch` are SQL jobs (see sql-job.ts) the runner executes inside its transaction,
 * together with the checkpoint update, so a crash can never leave rows and checkpoint apart;
 * replaying an event that is already applied must change nothing (rows remember the stream
 * revision or position they last applied).
 */
export interface Projection {
  readonly name: string;
  /**
   * Bumped whenever the tables or what goes into them change: at start, a projection whose stored
   * version differs has its tables dropped and is rebuilt from position 0. Default 1.
   */
  readonly version?: number;
  /**
   * `CREATE TABLE|INDEX IF NOT EXISTS …` for the tables this projection owns, in SQLite's spelling
   * (the PostgreSQL driver widens INTEGER to BIGINT).
   */
  readonly schema: readonly string[];
  /** Tables emptied before a rebuild from position 0. */
  readonly tables: readonly string[];
  /** Event types it reacts to; others only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent): SqlJob<void>;
  /** Called before the first `apply` of a batch (drop anything a failed batch left behind). */
  beginBatch?(): void;
  /** Runs after the last `apply` of a batch, in the same transaction (write coalesced rows). */
  endBatch?(): SqlJob<void>;
}
