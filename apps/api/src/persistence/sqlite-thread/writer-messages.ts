import type { AppendResult, CommitStats, ExpectedRevision, RecordedEvent, SerializedEvent, SqliteSynchronous } from '#ordo/event-store';
import type { StateJob } from '../sql/state-job.js';
import type { WireError } from './store-error-wire.js';

/** What the writer thread is started with. */
export interface WriterThreadData {
  path: string;
  synchronous: SqliteSynchronous;
  groupCommit: boolean;
  /** How often the thread's projections look for appends made by another process (the CLI). */
  projectionPollMs: number;
}

export type WriterRequest =
  | { id: number; kind: 'append'; streamName: string; rows: SerializedEvent[]; expected: ExpectedRevision }
  | { id: number; kind: 'state'; job: StateJob<unknown> }
  | { id: number; kind: 'schema'; statements: readonly string[] }
  | { id: number; kind: 'projections'; publicUrl: string; idSecret: string }
  | { id: number; kind: 'close' };

export type WriterReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** Told without being asked. */
export type WriterNotice =
  | { notice: 'ready' }
  | { notice: 'failed'; error: WireError }
  | { notice: 'committed'; stats: CommitStats }
  /** Every projection's checkpoint, after a projection batch committed (or a start). */
  | { notice: 'progress'; checkpoints: [string, bigint][] }
  /** The events of a projection batch, once its rows are committed. */
  | { notice: 'applied'; events: RecordedEvent[] }
  | { notice: 'keyRevoked'; keyId: string };

export type WriterMessage = WriterReply | WriterNotice;

export type { AppendResult };
