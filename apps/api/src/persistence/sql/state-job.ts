import { run, type SqlJob, type SqlParams } from './sql-job.js';

/**
 * A transaction on the service's state, described by name and arguments instead of as a live
 * generator, so it can run where the writes happen: in this thread, on PostgreSQL, or in the
 * embedded file's writer thread (which receives the description and finds the same factory in its
 * own copy of this catalogue). Arguments must survive structured cloning: anything random or
 * clock-dependent is drawn by the caller and passed in, so every engine runs the same job.
 */
export interface StateJob<T> {
  readonly name: string;
  readonly args: readonly unknown[];
  /** Never set: keeps the result type attached to the description. */
  readonly result?: T;
}

type Factory = (...args: readonly unknown[]) => SqlJob<unknown>;
const catalogue = new Map<string, Factory>();

/** Registers a job factory under `name`; answers the function that describes calls to it. */
export function defineStateJob<A extends unknown[], T>(name: string, factory: (...args: A) => SqlJob<T>): (...args: A) => StateJob<T> {
  catalogue.set(name, factory as unknown as Factory);
  return (...args: A) => ({ name, args });
}

/** The generator a description stands for, built from this thread's catalogue. */
export function sqlJobOf<T>(job: StateJob<T>): SqlJob<T> {
  const factory = catalogue.get(job.name) as ((...args: readonly unknown[]) => SqlJob<T>) | undefined;
  if (!factory) throw new Error(`unknown state job "${job.name}": is its module imported by persistence/state-jobs.ts?`);
  return factory(...job.args);
}

/** One write statement; answers how many rows it changed. */
export const statement = defineStateJob('statement', (sql: string, params: SqlParams = []) => run(sql, params));
