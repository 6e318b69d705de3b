import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#ordo/event-store';

/**
 * A projection turns events into read-model rows. `apply` runs inside the runner's transaction,
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
  /** `CREATE TABLE IF NOT EXISTS …` statements for the tables this projection owns. */
  readonly schema: readonly string[];
  /** Tables emptied before a rebuild from position 0. */
  readonly tables: readonly string[];
  /** Event types it reacts to; others only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  /** Prepares statements once the schema exists (called at start). */
  prepare(db: Database): void;
  apply(event: RecordedEvent): void;
  /** Called before the first `apply` of a batch (drop anything a failed batch left behind). */
  beginBatch?(): void;
  /** Called after the last `apply` of a batch, in the same transaction (write coalesced rows). */
  endBatch?(): void;
}
