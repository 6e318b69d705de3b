import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '#ordo/event-store';
import type { SqlJob, SqlStep } from './sql-job.js';
import { StatementCache } from './statement-cache.js';

/**
 * Runs read-model jobs on a better-sqlite3 connection, synchronously: called inside a writer job,
 * everything a job does lands in that transaction. Statements are prepared once per SQL text.
 */
export class SqliteJobs {
  private readonly statements: StatementCache;

  constructor(
    db: Database,
    private readonly readStream: (streamName: string) => RecordedEvent[] = () => {
      throw new Error('these jobs have no event store to read');
    },
  ) {
    this.statements = new StatementCache(db);
  }

  run<T>(job: SqlJob<T>): T {
    let next = job.next();
    while (!next.done) next = job.next(this.answer(next.value));
    return next.value;
  }

  private answer(step: SqlStep): unknown {
    if (step.kind === 'stream') return this.readStream(step.streamName);
    const statement = this.statements.get(step.sql);
    const params = Array.isArray(step.params) ? step.params : [step.params];
    return step.kind === 'all' ? statement.all(...params) : statement.run(...params).changes;
  }
}
