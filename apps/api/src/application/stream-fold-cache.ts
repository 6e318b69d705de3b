import type { Command, Decider, DomainEvent } from '#ordo/domain';
import type { EventStore, RecordedEvent } from '#ordo/event-store';

/** A stream as far as it was read: its events and the decider's fold of all of them. */
export interface FoldedStream<S> {
  readonly recorded: readonly RecordedEvent[];
  readonly history: readonly DomainEvent[];
  readonly state: S;
}

interface Entry {
  decider: object;
  folded: FoldedStream<unknown>;
}

/**
 * Folded streams kept by stream name, least recently used evicted past `capacity`: a hot order
 * is not re-read and re-folded from its first event on every command. An entry is never trusted
 * as it stands: each load reads the stream from the revision after the entry's last event and
 * folds what came since (another process's appends, this process's own), so the answer is the
 * stream as the log has it now. That is sound because events are never edited or deleted: a
 * revision, once read, means the same event forever.
 *
 * The folds are shared between requests, so they must never be changed: `freeze` (the tests)
 * deep-freezes every entry, turning a caller that mutates a state into a TypeError.
 */
export class StreamFoldCache {
  private readonly entries = new Map<string, Entry>();
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly capacity: number,
    private readonly freeze = false,
  ) {}

  get hits(): number {
    return this.hitCount;
  }

  get misses(): number {
    return this.missCount;
  }

  get size(): number {
    return this.entries.size;
  }

  async load<C extends Command, E extends DomainEvent, S>(store: EventStore, decider: Decider<C, E, S>, streamName: string): Promise<FoldedStream<S>> {
    const entry = this.entries.get(streamName);
    const cached = entry?.decider === decider ? (entry.folded as FoldedStream<S>) : undefined;
    const from = cached && cached.recorded.length > 0 ? cached.recorded[cached.recorded.length - 1].revision + 1n : 0n;
    const tail = await store.readStream(streamName, from);
    if (cached) this.hitCount++;
    else this.missCount++;
    if (cached && tail.length === 0) {
      this.touch(streamName, entry!);
      return cached;
    }
    const base: FoldedStream<S> = cached ?? { recorded: [], history: [], state: decider.initialState() };
    let state = base.state;
    const added = tail.map((e) => ({ type: e.type, data: e.data }) as E);
    for (const e of added) state = decider.evolve(state, e);
    const folded: FoldedStream<S> = { recorded: [...base.recorded, ...tail], history: [...base.history, ...added], state };
    if (this.capacity > 0 && folded.recorded.length > 0) this.touch(streamName, { decider, folded: this.freeze ? deepFreeze(folded) : folded });
    return folded;
  }

  private touch(streamName: string, entry: Entry): void {
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
