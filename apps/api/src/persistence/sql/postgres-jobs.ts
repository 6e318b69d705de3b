import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { RecordedEvent } from '#ordo/event-store';
import type { SqlJob, SqlStep } from './sql-job.js';
import { postgresValues, toPostgres } from './postgres-sql.js';

/** A client or a pool: anything that answers one statement. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>;
}

/** Read-model jobs on a PostgreSQL client (the caller owns the transaction around them). */
export class PostgresJobs {
  constructor(
    private readonly client: Queryable,
    private readonly readStream: (streamName: string) => Promise<RecordedEvent[]> = () => Promise.reject(new Error('these jobs have no event store to read')),
  ) {}

  async run<T>(job: SqlJob<T>): Promise<T> {
    let next = job.next();
    while (!next.done) next = job.next(await this.answer(next.value));
    return next.value;
  }

  private async answer(step: SqlStep): Promise<unknown> {
    if (step.kind === 'stream') return this.readStream(step.streamName);
    const translated = toPostgres(step.sql);
    const result = await this.client.query({ text: translated.text, values: postgresValues(translated, step.params) });
    return step.kind === 'all' ? result.rows : (result.rowCount ?? 0);
  }
}
