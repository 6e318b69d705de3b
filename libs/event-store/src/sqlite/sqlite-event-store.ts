import type Database from 'better-sqlite3';
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
import { serializeAppend, type SerializedEvent } from '../serialize-append.js';
import { checkPosition, checkRevision, StoreClosedError } from '../store-guards.js';
import type { SqliteWriter } from './sqlite-writer.js';
import { SqliteSubscription } from './sqlite-subscription.js';

export interface SqliteEventStoreOptions {
  /** Time stamped on appended events (`recordedAt`). Default: `new Date().toISOString()`. */
  clock?: () => string;
  /**
   * How often an idle subscription re-reads the log anyway, to pick up appends made by another
   * process on the same file (the CLI); commits of this process wake it at once. Default 1000 ms;
   * 0 turns polling off.
   */
  subscriptionPollMs?: number;
  /** Upper bound applied to `readAll`'s `limit` (default 10 000). */
  maxReadAllLimit?: number;
  /**
   * Where checked appends go instead of this connection's writer: the writer thread of the
   * embedded deployment, which owns the file's writes. Reads stay on this connection (WAL), and
   * whoever owns the thread calls `wake()` after each of its commits.
   */
  appendThrough?: (streamName: string, rows: SerializedEvent[], expected: ExpectedRevision) => Promise<AppendResult>;
}

/**
 * One table for the whole log. `position` is the rowid (AUTOINCREMENT: never reused, even after
 * a rollback at the end of the table); UNIQUE(stream_name, revision) is both the index used to
 * read a stream and to find its current revision, and the last line of defence against two
 * events taking the same revision. STRICT makes SQLite refuse values of the wrong type.
 */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT    NOT NULL UNIQUE,
  stream_name TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_name, revision)
) STRICT;
`;

interface EventRow {
  position: bigint;
  id: string;
  stream_name: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const COLUMNS = 'position, id, stream_name, revision, type, data, metadata, recorded_at';


/**
 * The embedded event store. Appends are writer jobs, so concurrent appends share a transaction
 * (group commit) while each checks its expected revision inside that transaction: two appends
 * with the same expected revision in one batch → the first wins, the second fails alone.
 * Reads are synchronous better-sqlite3 calls on the same connection; they only ever see
 * committed data because a batch begins and commits within one synchronous call.
 */
export class SqliteEventStore implements EventStore {
  readonly db: Database.Database;
  private readonly clock: () => string;
  private readonly pollMs: number;
  private readonly maxLimit: number;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly removeHook: () => void;
  private readonly appendThrough?: SqliteEventStoreOptions['appendThrough'];
  private closed = false;
  private readonly currentRevision: Database.Statement<[string], bigint | null>;
  private readonly insert: Database.Statement;
  private readonly selectStream: Database.Statement<[string], EventRow>;
  private readonly selectStreamFrom: Database.Statement<[string, bigint], EventRow>;
  private readonly selectAfter: Database.Statement<[bigint, number], EventRow>;
  private readonly selectHead: Database.Statement<[], bigint | null>;

  constructor(
    readonly writer: SqliteWriter,
    options: SqliteEventStoreOptions = {},
  ) {
    this.db = writer.db;
    this.clock = options.clock ?? isoClock();
    this.pollMs = options.subscriptionPollMs ?? 1000;
    this.maxLimit = options.maxReadAllLimit ?? 10_000;
    this.appendThrough = options.appendThrough;
    // With appends made elsewhere this connection may be read-only; the writer made the table.
    if (!this.appendThrough) this.db.exec(EVENTS_SCHEMA);
    // Prepared once; safeIntegers so that positions and revisions never pass through Number().
    this.currentRevision = this.db.prepare<[string], bigint | null>('SELECT MAX(revision) FROM events WHERE stream_name = ?').pluck().safeIntegers();
    this.insert = this.db
      .prepare('INSERT INTO events (id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .safeIntegers();
    this.selectStream = this.db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_name = ? ORDER BY revision`).safeIntegers();
    this.selectStreamFrom = this.db.prepare<[string, bigint], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision`).safeIntegers();
    this.selectAfter = this.db.prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).safeIntegers();
    this.selectHead = this.db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck().safeIntegers();
    this.removeHook = writer.onAfterCommit(() => this.wake());
  }

  append(streamName: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let rows: SerializedEvent[];
    try {
      if (this.closed) throw new StoreClosedError();
      // Validation and JSON.stringify happen here, outside the write transaction, so the lock
      // is held only for the inserts and a bad event is refused before anything is queued.
      rows = serializeAppend(streamName, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.appendThrough) return this.appendThrough(streamName, rows, expected);
    return this.appendSerialized(streamName, rows, expected);
  }

  /** Appends events `serializeAppend` already checked (the writer thread receives them so). */
  appendSerialized(streamName: string, rows: SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    // Several events need a savepoint: a later insert failing (duplicate id) must undo the earlier ones.
    return this.writer.write(() => this.appendRows(streamName, rows, expected), { savepoint: rows.length > 1 });
  }

  /** Tells the subscriptions new events may be committed (after each commit of the file's writer). */
  wake(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  async readStream(streamName: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    checkRevision(fromRevision);
    return fromRevision === 0n ? this.readStreamNow(streamName) : this.selectStreamFrom.all(streamName, fromRevision).map(toRecorded);
  }

  /** Synchronous readStream, for code already running inside a writer job (projections). */
  readStreamNow(streamName: string): RecordedEvent[] {
    return this.selectStream.all(streamName).map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readPage(options.fromPosition, options.limit);
  }

  async headPosition(): Promise<bigint> {
    return this.selectHead.get() ?? 0n;
  }

  subscribeToAll(fromPosition: bigint, handler: AllHandler): Subscription {
    if (this.closed) throw new StoreClosedError();
    checkPosition(fromPosition);
    const subscription = new SqliteSubscription({ readPage: (after, limit) => this.readPage(after, limit) }, fromPosition, handler, this.pollMs, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Stops the subscriptions and refuses new appends. The writer and the database belong to
   * whoever created them (they are shared with read models): close the writer afterwards.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeHook();
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
  }

  /** Synchronous page of the log; what readAll and the subscriptions use. */
  readPage(fromPosition: bigint, limit: number): RecordedEvent[] {
    checkPosition(fromPosition);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be an integer >= 1');
    return this.selectAfter.all(fromPosition, Math.min(limit, this.maxLimit)).map(toRecorded);
  }

  /**
   * Runs inside the writer's transaction. The revision check is a read and each insert a
   * single-row statement that SQLite undoes by itself when it fails, so a single-event append
   * needs no savepoint (it writes all or nothing); several events get one.
   */
  private appendRows(streamName: string, rows: SerializedEvent[], expected: ExpectedRevision): AppendResult {
    const current = this.currentRevision.get(streamName) ?? null;
    const actual = current === null ? 'no_stream' : current;
    if (actual !== expected) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const recordedAt = this.clock();
    let revision = current === null ? 0n : current + 1n;
    let position = 0n;
    for (const row of rows) {
      position = this.insert.run(row.id, streamName, revision, row.type, row.data, row.metadata, recordedAt).lastInsertRowid as bigint;
      revision++;
    }
    return { nextExpectedRevision: revision - 1n, position };
  }
}

/** `new Date().toISOString()`, formatted once per millisecond (it showed up in profiles). */
function isoClock(): () => string {
  let lastMs = -1;
  let last = '';
  return () => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      last = new Date(now).toISOString();
    }
    return last;
  };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamName: row.stream_name,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    revision: row.revision,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}
