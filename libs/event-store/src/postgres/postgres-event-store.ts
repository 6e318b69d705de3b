import pg from 'pg';
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
import { APPENDED_CHANNEL, DEPLOYMENT_SQL, deploymentLockSql, deploymentOf, LOG_LOCK_KEY, POSTGRES_EVENTS_SCHEMA, SCHEMA_LOCK_KEY } from './postgres-schema.js';
import { PostgresSubscription } from './postgres-subscription.js';

export interface PostgresEventStoreOptions {
  /** How often an idle subscription reads the log anyway (NOTIFY normally wakes it). Default 500 ms. */
  subscriptionPollMs?: number;
  /** Upper bound applied to `readAll`'s `limit` (default 10 000). */
  maxReadAllLimit?: number;
  /** Appends written in one transaction at most (group commit). Default 64. */
  maxBatch?: number;
}

interface Pending {
  streamName: string;
  rows: SerializedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface EventRow {
  position: string;
  id: string;
  stream_name: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

const COLUMNS = 'position, id, stream_name, revision, type, data, metadata, recorded_at';


/**
 * The event store on PostgreSQL, safe with any number of appending processes.
 *
 * **No gap a reader could skip past.** Every appending transaction first takes one
 * transaction-scoped advisory lock, then numbers its events after the highest position in the
 * table. PostgreSQL makes a transaction's commit visible before it releases its locks, so the
 * next appender only numbers its events once every lower position is committed and visible:
 * positions are gapless and become visible in order, and a reader paging `position > p` can never
 * see p + 2 while p + 1 is still to come. The cost is that appends are serial across processes;
 * within a process they are batched (group commit: up to `maxBatch` appends in one transaction,
 * each in a savepoint so one failing append does not take the others with it), which is where
 * the throughput comes from, as with SQLite: a batch costs four round trips however many appends
 * it holds.
 */
export class PostgresEventStore implements EventStore {
  private readonly pollMs: number;
  private readonly maxLimit: number;
  private readonly maxBatch: number;
  private readonly queue: Pending[] = [];
  private flushing = false;
  private closed = false;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    options: PostgresEventStoreOptions,
  ) {
    this.pollMs = options.subscriptionPollMs ?? 500;
    this.maxLimit = options.maxReadAllLimit ?? 10_000;
    this.maxBatch = options.maxBatch ?? 64;
  }

  /** Connects, creates the table if needed and answers the store. */
  static async connect(connectionString: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = new pg.Pool({ connectionString, max: 8 });
    try {
      // Under a lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalogue.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(deploymentLockSql('pg_advisory_xact_lock'), [SCHEMA_LOCK_KEY]);
        await client.query(POSTGRES_EVENTS_SCHEMA);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, connectionString, options);
  }

  append(streamName: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let rows: SerializedEvent[];
    try {
      if (this.closed) throw new StoreClosedError();
      rows = serializeAppend(streamName, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamName, rows, expected, resolve, reject });
      void this.flush();
    });
  }

  async readStream(streamName: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    checkRevision(fromRevision);
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ordo_events WHERE stream_name = $1 AND revision >= $2 ORDER BY revision`, [streamName, fromRevision.toString()]);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readPage(options.fromPosition, options.limit);
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string | null }>('SELECT MAX(position) AS head FROM ordo_events');
    return BigInt(rows[0]?.head ?? 0);
  }

  subscribeToAll(fromPosition: bigint, handler: AllHandler): Subscription {
    if (this.closed) throw new StoreClosedError();
    checkPosition(fromPosition);
    const subscription = new PostgresSubscription((after, limit) => this.readPage(after, limit), fromPosition, handler, this.pollMs, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    void this.listen();
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private async readPage(fromPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    checkPosition(fromPosition);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be an integer >= 1');
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ordo_events WHERE position > $1 ORDER BY position LIMIT $2`, [
      fromPosition.toString(),
      Math.min(limit, this.maxLimit),
    ]);
    return rows.map(toRecorded);
  }

  /** One LISTEN connection per store, opened with the first subscription: appends by other processes wake them. */
  private listen(): Promise<void> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('error', () => undefined); // the poll keeps subscriptions going without it
      await client.connect();
      const mine = await deploymentOf(client);
      client.on('notification', (message) => message.payload === mine && this.wakeAll());
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
      this.listener = client;
    })();
    return this.listening.catch(() => undefined);
  }

  private wakeAll(): void {
    for (const s of this.subscriptions) s.wake();
  }

  /** Writes queued appends, a batch per transaction, until the queue is empty. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * One transaction for the batch. Fast path: every stream's revision in one query, the checks
   * in memory (in queue order, so the second of two appends at one revision fails alone), every
   * accepted row in one INSERT — four round trips however many appends. Should that INSERT fail
   * (an event id used twice), the batch is written again append by append, each in a savepoint,
   * so only the offending append fails.
   */
  private async writeBatch(batch: Pending[]): Promise<void> {
    const client = await this.pool.connect();
    let outcomes: Outcome[];
    try {
      outcomes = await this.inTransaction(client, (head, at) => this.writeAtOnce(client, batch, head, at));
    } catch {
      try {
        outcomes = await this.inTransaction(client, (head, at) => this.writeOneByOne(client, batch, head, at));
      } catch (error) {
        client.release(true);
        for (const append of batch) append.reject(error);
        return;
      }
    }
    client.release();
    batch.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.wakeAll();
  }

  /** BEGIN, the log lock, the head position; `write`; a NOTIFY when something was written; COMMIT. */
  private async inTransaction(client: pg.PoolClient, write: (head: bigint, recordedAt: Date) => Promise<Outcome[]>): Promise<Outcome[]> {
    try {
      await client.query('BEGIN');
      await client.query(deploymentLockSql('pg_advisory_xact_lock'), [LOG_LOCK_KEY]);
      const head = await client.query<{ head: string | null }>('SELECT MAX(position) AS head FROM ordo_events');
      const outcomes = await write(BigInt(head.rows[0]?.head ?? 0), new Date());
      if (outcomes.some((o) => o.ok)) await client.query(`SELECT pg_notify($1, ${DEPLOYMENT_SQL})`, [APPENDED_CHANNEL]);
      await client.query('COMMIT');
      return outcomes;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async writeAtOnce(client: pg.PoolClient, batch: Pending[], head: bigint, recordedAt: Date): Promise<Outcome[]> {
    const names = [...new Set(batch.map((a) => a.streamName))];
    const { rows } = await client.query<{ stream_name: string; revision: string }>('SELECT stream_name, MAX(revision) AS revision FROM ordo_events WHERE stream_name = ANY($1) GROUP BY stream_name', [names]);
    const current = new Map<string, bigint>(rows.map((r) => [r.stream_name, BigInt(r.revision)]));
    const columns: { position: string[]; id: string[]; stream: string[]; revision: string[]; type: string[]; data: string[]; metadata: string[] } = { position: [], id: [], stream: [], revision: [], type: [], data: [], metadata: [] };
    let position = head;
    const outcomes = batch.map((append): Outcome => {
      const now = current.get(append.streamName);
      const actual = now === undefined ? 'no_stream' : now;
      if (actual !== append.expected) return { ok: false, error: new WrongExpectedRevisionError(append.streamName, append.expected, actual) };
      let revision = now === undefined ? 0n : now + 1n;
      for (const row of append.rows) {
        position++;
        columns.position.push(position.toString());
        columns.id.push(row.id);
        columns.stream.push(append.streamName);
        columns.revision.push(revision.toString());
        columns.type.push(row.type);
        columns.data.push(row.data);
        columns.metadata.push(row.metadata);
        revision++;
      }
      current.set(append.streamName, revision - 1n);
      return { ok: true, result: { nextExpectedRevision: revision - 1n, position } };
    });
    if (columns.position.length > 0) {
      await client.query(
        `INSERT INTO ordo_events (position, id, stream_name, revision, type, data, metadata, recorded_at)
         SELECT p, id, s, r, t, d::json, m::json, $8 FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[]) AS e(p, id, s, r, t, d, m)`,
        [columns.position, columns.id, columns.stream, columns.revision, columns.type, columns.data, columns.metadata, recordedAt],
      );
    }
    return outcomes;
  }

  private async writeOneByOne(client: pg.PoolClient, batch: Pending[], head: bigint, recordedAt: Date): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let position = head;
    for (const append of batch) {
      await client.query('SAVEPOINT append');
      try {
        const result = await this.appendRows(client, append, position, recordedAt);
        await client.query('RELEASE SAVEPOINT append');
        position = result.position;
        outcomes.push({ ok: true, result });
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT append');
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private async appendRows(client: pg.PoolClient, append: Pending, head: bigint, recordedAt: Date): Promise<AppendResult> {
    const { rows } = await client.query<{ revision: string | null }>('SELECT MAX(revision) AS revision FROM ordo_events WHERE stream_name = $1', [append.streamName]);
    const current = rows[0]?.revision == null ? null : BigInt(rows[0].revision);
    const actual = current === null ? 'no_stream' : current;
    if (actual !== append.expected) throw new WrongExpectedRevisionError(append.streamName, append.expected, actual);
    const first = current === null ? 0n : current + 1n;
    // One multi-row insert per append: positions and revisions run on from the head and the stream.
    const n = append.rows.length;
    await client.query(
      `INSERT INTO ordo_events (position, id, stream_name, revision, type, data, metadata, recorded_at)
       SELECT $1::bigint + o, id, $2, $3::bigint + o - 1, type, data::json, metadata::json, $4
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, type, data, metadata, o)`,
      [head.toString(), append.streamName, first.toString(), recordedAt, append.rows.map((r) => r.id), append.rows.map((r) => r.type), append.rows.map((r) => r.data), append.rows.map((r) => r.metadata)],
    );
    return { nextExpectedRevision: first + BigInt(n) - 1n, position: head + BigInt(n) };
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamName: row.stream_name,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}
