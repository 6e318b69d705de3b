/**
 * The log on PostgreSQL: one table. `position` is assigned by the appending transaction while it
 * holds the log's advisory lock (see PostgresEventStore), so positions are gapless and become
 * visible in order. `data` and `metadata` are `json` (kept verbatim, unlike `jsonb`, so a replay
 * reads back the very text that was written, key order included).
 */
export const POSTGRES_EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS ordo_events (
  position    BIGINT      PRIMARY KEY,
  id          UUID        NOT NULL UNIQUE,
  stream_name TEXT        NOT NULL,
  revision    BIGINT      NOT NULL,
  type        TEXT        NOT NULL,
  data        JSON        NOT NULL,
  metadata    JSON        NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  UNIQUE (stream_name, revision)
);
`;

/**
 * The deployment a connection serves is its schema (the first of its search_path): advisory locks
 * and notifications are database-wide, so each is scoped to it — two deployments (or test suites)
 * sharing one database never wait for each other's locks nor hear each other's notifications.
 */
export const DEPLOYMENT_SQL = "coalesce(current_schema(), '')";

/** `SELECT <fn>(<deployment>, $1) AS ok`: an advisory lock of this deployment, $1 naming which. */
export function deploymentLockSql(fn: 'pg_advisory_xact_lock' | 'pg_try_advisory_lock' | 'pg_advisory_unlock'): string {
  return `SELECT ${fn}(hashtext(${DEPLOYMENT_SQL}), $1) AS ok`;
}

/** The deployment's name as the connection sees it (notification payloads carry it). */
export async function deploymentOf(client: { query(sql: string): Promise<{ rows: unknown[] }> }): Promise<string> {
  const { rows } = await client.query(`SELECT ${DEPLOYMENT_SQL} AS deployment`);
  return (rows[0] as { deployment: string }).deployment;
}

/** Every appending transaction takes this transaction-scoped advisory lock first ("ordo log"). */
export const LOG_LOCK_KEY = 0x6f72646f;

/** Held while the schema is created, so stores starting together do not race in the catalogue. */
export const SCHEMA_LOCK_KEY = LOG_LOCK_KEY + 1;

/** Sent (by pg_notify, delivered at commit) after each append, so subscribers wake at once; the payload is the deployment. */
export const APPENDED_CHANNEL = 'ordo_events_appended';
