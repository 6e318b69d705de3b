import type { RecordedEvent } from '#ordo/event-store';

/** A value SQL parameters accept on both dialects (booleans are written as 0/1). */
export type SqlValue = string | number | bigint | null;
/** Positional (`?`) or named (`@name`) parameters. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/**
 * What a read-model job asks of the database. Statements are written once in the dialect-neutral
 * subset both engines share (`?` or `@name` placeholders, `ON CONFLICT … DO UPDATE/NOTHING`,
 * `excluded.`); the PostgreSQL driver rewrites only the placeholders. Integer columns come back
 * as JS numbers on both (safe: positions, revisions and minor units stay below 2^53).
 */
export type SqlStep =
  | { readonly kind: 'all'; readonly sql: string; readonly params: SqlParams }
  | { readonly kind: 'run'; readonly sql: string; readonly params: SqlParams }
  | { readonly kind: 'stream'; readonly streamName: string };

/**
 * A unit of read-model work written once for both engines: a generator that yields the SQL it
 * needs and receives the results. The SQLite driver answers synchronously inside the writer's
 * transaction (so projections still commit with the appends, one fsync); the PostgreSQL driver
 * answers asynchronously inside a pooled client's transaction.
 */
export type SqlJob<T> = Generator<SqlStep, T, unknown>;

export function* all<R>(sql: string, params: SqlParams = []): SqlJob<R[]> {
  return (yield { kind: 'all', sql, params }) as R[];
}

export function* first<R>(sql: string, params: SqlParams = []): SqlJob<R | undefined> {
  const rows = yield* all<R>(sql, params);
  return rows[0];
}

/** Runs a statement; answers how many rows it changed. */
export function* run(sql: string, params: SqlParams = []): SqlJob<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

/** The facts of one stream, as committed (a projection mending a gap folds them again). */
export function* readStream(streamName: string): SqlJob<RecordedEvent[]> {
  return (yield { kind: 'stream', streamName }) as RecordedEvent[];
}

/** A job with nothing to ask (a projection that ignores an event). */
// eslint-disable-next-line require-yield
export function* nothing(): SqlJob<void> {}
