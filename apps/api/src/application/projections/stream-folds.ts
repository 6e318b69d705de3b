import type { RecordedEvent } from '#ordo/event-store';
import { readStream, type SqlJob } from '../../persistence/sql/sql-job.js';

/** What a decider offers for folding (its events typed loosely: projections see recorded ones). */
export interface Folding<S> {
  initialState(): S;
  evolve(state: S, event: { type: string; data: Record<string, unknown> }): S;
}

/**
 * Aggregate states just before and after an event, for projections that compare the two (the
 * public event feed, the journal). The last fold of up to `capacity` streams is kept (least
 * recently used dropped first); facts never change, so an entry is right for exactly its
 * revision whatever happened since (a failed batch, a rewind) and is used only for the event
 * right after it. A miss folds the stream from the store (normally a few rows); revision 0 needs
 * no read at all.
 */
export class StreamFolds<S> {
  private readonly folded = new Map<string, { state: S; revision: bigint }>();

  constructor(private readonly capacity = 10_000) {}

  /** The state just before `recorded`, and just after it (remembered for the next event). */
  *step(folding: Folding<S>, recorded: RecordedEvent): SqlJob<{ before: S; after: S }> {
    const cached = this.folded.get(recorded.streamName);
    const before = cached && cached.revision === recorded.revision - 1n ? cached.state : yield* this.at(folding, recorded.streamName, recorded.revision);
    const after = folding.evolve(before, { type: recorded.type, data: recorded.data });
    this.folded.delete(recorded.streamName);
    this.folded.set(recorded.streamName, { state: after, revision: recorded.revision });
    if (this.folded.size > this.capacity) this.folded.delete(this.folded.keys().next().value!);
    return { before, after };
  }

  /** The aggregate folded from its stream's facts below `revision`. */
  *at(folding: Folding<S>, streamName: string, revision: bigint): SqlJob<S> {
    let state = folding.initialState();
    if (revision === 0n) return state;
    for (const e of yield* readStream(streamName)) {
      if (e.revision >= revision) break;
      state = folding.evolve(state, { type: e.type, data: e.data });
    }
    return state;
  }
}
