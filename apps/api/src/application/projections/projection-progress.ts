import type { RecordedEvent } from '#ordo/event-store';

/**
 * How far the read models have got, as the API sees it: in-process projections on the embedded
 * file (ProjectionRunner), or the projector's committed checkpoints on PostgreSQL
 * (ProjectorProgress). Writers wait on it for read-your-writes; processes that react to the log
 * are told what was applied once the read models show it.
 */
export abstract class ProjectionProgress {
  /** Starts following (and, in-process, applying) the log. */
  abstract start(): Promise<void>;
  /** Says an append was just queued: look now rather than at the next poll. */
  abstract kick(): void;
  /** Resolves once every projection has applied the event at `position`. */
  abstract waitFor(position: bigint): Promise<void>;
  /** How many log positions the slowest projection is behind `head`, as last seen. */
  abstract lag(head: bigint): bigint;
  /** Told each applied page of the log, after its rows are committed. */
  abstract onApplied(listener: (events: readonly RecordedEvent[]) => void): void;
}
