/**
 * The event store port. Every adapter (SQLite, KurrentDB, in-memory if ever needed) implements
 * this interface and passes the shared contract suite in `testing/event-store.contract.ts`.
 *
 * Revisions are per stream and 0-based (the first event of a stream has revision 0n).
 * Positions are global, strictly increasing across all streams, and start at 1n; `0n` means
 * "before the first event". Both are bigint so that no adapter ever narrows them through
 * `Number()`.
 */

/** Metadata every event carries (snake_case: it is stored and shown as is). */
export interface EventMetadata {
  merchant_id: string;
  mode: 'test' | 'live';
  request_id?: string;
  idempotency_key?: string;
  correlation_id?: string;
  causation_id?: string;
  schema_version: number;
  [key: string]: unknown;
}

export interface NewEvent {
  /** Stable wire name, past-tense PascalCase (e.g. `OrderCreated`). */
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Optional event id (uuid); adapters generate one when absent. */
  id?: string;
}

export interface RecordedEvent {
  id: string;
  streamName: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** 0-based revision of this event inside its stream. */
  revision: bigint;
  /** Global position in the log (1-based, strictly increasing). */
  position: bigint;
  /** ISO-8601 time the store recorded the event. */
  recordedAt: string;
}

/** `'no_stream'` to create a stream; otherwise the exact revision of its last event. */
export type ExpectedRevision = 'no_stream' | bigint;

export interface AppendResult {
  /** Revision of the last event appended. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events with position > fromPosition are returned. */
  fromPosition: bigint;
  /** Maximum events to return (adapters may cap it). */
  limit: number;
}

export interface Subscription {
  /**
   * Stops delivery; resolves once no handler call is running. Safe to call (and to await) from
   * inside the handler itself: it then resolves without waiting for that very call.
   */
  unsubscribe(): Promise<void>;
  /**
   * Settles when delivery has stopped for good: resolves after `unsubscribe()` or `close()`,
   * rejects with the error when a handler threw (that event counts as not delivered, so a
   * subscriber resuming from its checkpoint receives it again) or the adapter failed. Never an
   * unhandled rejection when nobody listens.
   */
  readonly done: Promise<void>;
}

export type AllHandler = (event: RecordedEvent) => void | Promise<void>;

export interface EventStore {
  /**
   * Appends atomically with an exact expected revision. Throws `WrongExpectedRevisionError`
   * when the stream is not at `expected`. An empty `events` array, or anything else that makes
   * the append invalid, is rejected with `InvalidAppendError` and writes nothing.
   */
  append(streamName: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * The events of one stream in revision order, from `fromRevision` (inclusive; default 0n, the
   * whole stream); `[]` when the stream does not exist or has no event that late.
   */
  readStream(streamName: string, fromRevision?: bigint): Promise<RecordedEvent[]>;
  /**
   * A page of the global log in position order. `fromPosition` must be `0n` or a position this
   * adapter returned (KurrentDB cannot start from an arbitrary byte offset).
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the log (`0n` when empty). */
  headPosition(): Promise<bigint>;
  /**
   * Delivers every event with position > fromPosition in order, then live events, one at a
   * time (a handler's promise is awaited before the next event is delivered).
   */
  subscribeToAll(fromPosition: bigint, handler: AllHandler): Subscription;
  close(): Promise<void>;
}

/**
 * An append refused before anything was written: no events, an expected revision that is
 * neither `'no_stream'` nor a bigint >= 0n, or data/metadata that is not JSON-serialisable.
 */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(
    readonly streamName: string,
    message: string,
  ) {
    super(`stream ${streamName}: ${message}`);
    this.name = 'InvalidAppendError';
  }
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamName}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
