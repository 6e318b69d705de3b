import type { AllStreamSubscription, KurrentDBClient, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import {
  WrongExpectedRevisionError,
  type AllHandler,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
} from '../event-store.port.js';
import { checkRevision } from '../store-guards.js';
import { SerialSubscription } from '../serial-subscription.js';
import { serializeAppend } from '../serialize-append.js';
import { fromKurrentPosition, toKurrentPosition } from './kurrentdb-position.js';

type KurrentModule = typeof import('@kurrent/kurrentdb-client');

let kurrentModule: Promise<KurrentModule> | undefined;

/**
 * The client (gRPC plus a native bridge) is loaded on first use only: the embedded SQLite
 * deployment imports this library's barrel and should not pay for it.
 */
function loadKurrent(): Promise<KurrentModule> {
  return (kurrentModule ??= import('@kurrent/kurrentdb-client'));
}

export interface KurrentDBEventStoreOptions {
  /** Upper bound applied to `readAll`'s `limit` (default 10 000). */
  maxReadAllLimit?: number;
}

/**
 * The port over KurrentDB / EventStoreDB (server ≥ 22.6, which returns event positions on
 * stream reads). Events are JSON events; our metadata is the event's custom metadata; system
 * events (types starting with `$`) are left out of readAll, headPosition and subscriptions.
 * Positions: see `kurrentdb-position.ts`.
 */
export class KurrentDBEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentSubscription>();
  private readonly maxLimit: number;
  private closed = false;

  private constructor(
    private readonly kurrent: KurrentModule,
    readonly client: KurrentDBClient,
    private readonly ownsClient: boolean,
    options: KurrentDBEventStoreOptions,
  ) {
    this.maxLimit = options.maxReadAllLimit ?? 10_000;
  }

  /**
   * One client per process, from a connection string such as
   * `kurrentdb://localhost:2113?tls=false`. The connection is made lazily by the first call.
   */
  static async connect(connectionString: string, options: KurrentDBEventStoreOptions = {}): Promise<KurrentDBEventStore> {
    const kurrent = await loadKurrent();
    return new KurrentDBEventStore(kurrent, kurrent.KurrentDBClient.connectionString(connectionString), true, options);
  }

  /** Wraps a client the caller owns (`close()` then leaves it open). */
  static async fromClient(client: KurrentDBClient, options: KurrentDBEventStoreOptions = {}): Promise<KurrentDBEventStore> {
    return new KurrentDBEventStore(await loadKurrent(), client, false, options);
  }

  async append(streamName: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // Validates and proves every event serialisable before the client starts streaming them:
    // its own JSON.stringify failing mid-request would leave the call hanging.
    const serialized = serializeAppend(streamName, events, expected);
    const { jsonEvent, NO_STREAM, WrongExpectedVersionError } = this.kurrent;
    let result;
    try {
      result = await this.client.appendToStream(
        streamName,
        events.map((e, i) => jsonEvent({ id: serialized[i].id, type: e.type, data: e.data, metadata: e.metadata })),
        { streamState: expected === 'no_stream' ? NO_STREAM : expected },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new WrongExpectedRevisionError(streamName, expected, toActual(error.actualState));
      throw error;
    }
    // With `throwOnAppendFailure=false` in the connection string the client reports instead of throwing.
    if (!result.success) throw new WrongExpectedRevisionError(streamName, expected, toActual(result.nextExpectedRevision));
    const revision = result.nextExpectedRevision;
    // For a single event the reported position is that event's own. For several, the server
    // reports one position for the whole write; rather than rely on which event it names,
    // read the last event back (one extra round trip, multi-event appends only).
    const position = events.length === 1 && result.position ? fromKurrentPosition(result.position) : await this.positionOf(streamName, revision);
    return { nextExpectedRevision: revision, position };
  }

  async readStream(streamName: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    checkRevision(fromRevision);
    const out: RecordedEvent[] = [];
    try {
      // A missing stream is not known when the read starts: it surfaces while iterating.
      for await (const resolved of this.client.readStream(streamName, { fromRevision: fromRevision === 0n ? this.kurrent.START : fromRevision, direction: this.kurrent.FORWARDS })) {
        if (resolved.event) out.push(toRecorded(resolved.event));
      }
    } catch (error) {
      if (error instanceof this.kurrent.StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = options.fromPosition;
    const limit = options.limit;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be an integer >= 1');
    const wanted = Math.min(limit, this.maxLimit);
    const out: RecordedEvent[] = [];
    const reads = this.client.readAll({
      fromPosition: from === 0n ? this.kurrent.START : toKurrentPosition(from),
      direction: this.kurrent.FORWARDS,
      // Reading from a position includes the event at it: one more, then skip it.
      maxCount: wanted + 1,
      filter: this.kurrent.excludeSystemEvents(),
    });
    for await (const resolved of reads) {
      const event = resolved.event;
      if (!event || isSystem(event)) continue;
      const recorded = toRecorded(event);
      if (recorded.position <= from) continue;
      out.push(recorded);
      if (out.length === wanted) break;
    }
    return out;
  }

  async headPosition(): Promise<bigint> {
    const reads = this.client.readAll({
      fromPosition: this.kurrent.END,
      direction: this.kurrent.BACKWARDS,
      maxCount: 1,
      // The head is the last event readAll can return, not a system record after it.
      filter: this.kurrent.excludeSystemEvents(),
    });
    for await (const resolved of reads) {
      if (resolved.event && !isSystem(resolved.event)) return fromKurrentPosition(requirePosition(resolved.event));
    }
    return 0n;
  }

  subscribeToAll(fromPosition: bigint, handler: AllHandler): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const stream = this.client.subscribeToAll({
      fromPosition: fromPosition === 0n ? this.kurrent.START : toKurrentPosition(fromPosition),
      filter: this.kurrent.excludeSystemEvents(),
    });
    const subscription = new KurrentSubscription(stream, fromPosition, handler, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    if (this.ownsClient) await this.client.dispose();
  }

  private async positionOf(streamName: string, revision: bigint): Promise<bigint> {
    for await (const resolved of this.client.readStream(streamName, { fromRevision: revision, maxCount: 1, direction: this.kurrent.FORWARDS })) {
      if (resolved.event) return fromKurrentPosition(requirePosition(resolved.event));
    }
    throw new Error(`stream ${streamName}: appended event at revision ${revision} could not be read back`);
  }
}

class KurrentSubscription extends SerialSubscription {
  private cancelled: Promise<void> | undefined;

  constructor(
    private readonly stream: AllStreamSubscription,
    fromPosition: bigint,
    handler: AllHandler,
    private readonly onEnd: (s: KurrentSubscription) => void,
  ) {
    super(fromPosition, handler);
    this.start();
  }

  protected async run(): Promise<void> {
    try {
      // Async iteration applies backpressure: nothing more is pulled while the handler runs.
      for await (const resolved of this.stream) {
        const event = resolved.event;
        if (!event || isSystem(event)) continue;
        // The server starts after `fromPosition`; `deliver` skips anything at or below the last
        // delivered position in any case.
        if (!(await this.deliver(toRecorded(event)))) return;
      }
    } catch (error) {
      if (this.stopped) return;
      throw error;
    }
    if (!this.stopped) throw new Error('KurrentDB subscription ended unexpectedly');
  }

  protected async interrupt(): Promise<void> {
    await this.cancel();
  }

  protected override async cleanup(): Promise<void> {
    // Also after a handler error or a dropped connection: never leave the gRPC call open.
    await this.cancel().catch(() => undefined);
    this.onEnd(this);
  }

  private cancel(): Promise<void> {
    this.cancelled ??= (async () => {
      await this.stream.unsubscribe();
      // Cancelling the call does not end the piped stream; destroying it ends the iteration.
      this.stream.destroy();
    })();
    return this.cancelled;
  }
}

function isSystem(event: KurrentRecordedEvent): boolean {
  return event.type.startsWith('$');
}

function toActual(state: unknown): bigint | 'no_stream' {
  // Deleted/tombstoned streams report negative revisions; for the port they hold no events.
  return typeof state === 'bigint' && state >= 0n ? state : 'no_stream';
}

function requirePosition(event: KurrentRecordedEvent): { commit: bigint; prepare: bigint } {
  if (!event.position) throw new Error(`event ${event.id} came without a log position (KurrentDB/EventStoreDB ≥ 22.6 is required)`);
  return event.position;
}

function toRecorded(event: KurrentRecordedEvent): RecordedEvent {
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    data: asObject(event.data),
    metadata: asObject(event.metadata) as EventMetadata,
    revision: event.revision,
    position: fromKurrentPosition(requirePosition(event)),
    recordedAt: event.created.toISOString(),
  };
}

/** Ordo writes JSON objects only; anything else (written by another tool) is shown, not dropped. */
function asObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (value instanceof Uint8Array) return { binary_base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}
