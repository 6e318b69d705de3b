import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '#ordo/event-store';
import type { SqlJob, SqlStep } from './sql-job.js';

/**
 * Runs read-model jobs on a better-sqlite3 connection, synchronously: called inside a writer job,
 * everything a job does lands in that transaction. Statements are prepared once per SQL text.
 */
export class SqliteJobs {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly readStream: (streamName: string) => RecordedEvent[] = () => {
      throw new Error('these jobs have no event store to read');
    },
  ) {}

  run<T>(job: SqlJob<T>): T {
    let next = job.next();
    while (!next.done) next = job.next(this.answer(next.value));
    return next.value;
  }

  private answer(step: SqlStep): unknown {
    if (step.kind === 'stream') return this.readStream(step.streamName);
    const statement = this.prepare(step.sql);
    const params = Array.isArray(step.params) ? step.params : [step.params];
    return step.kind === 'all' ? statement.all(...params) : statement.run(...params).changes;
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
