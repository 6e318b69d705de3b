import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL tests run against the server ORDO_TEST_POSTGRES_URL names (.ci/run installs and
 * starts one, e.g. postgresql://ordo:ordo@127.0.0.1:5432/ordo_test) and are reported as skipped
 * otherwise. Each subject gets a schema of its own, so suites are isolated on a shared server.
 */
export const postgresTestUrl = process.env.ORDO_TEST_POSTGRES_URL;
export const describeWithPostgres = postgresTestUrl ? describe : describe.skip;

export interface TestSchema {
  schema: string;
  /** The connection string whose search_path is that schema. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgresSchema(prefix = 'test'): Promise<TestSchema> {
  const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const scoped = new URL(postgresTestUrl!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: scoped.toString(), drop: () => admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined) };
}
