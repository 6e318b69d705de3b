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

/** Every appending transaction takes this transaction-scoped advisory lock first ("ordo log"). */
export const LOG_LOCK_KEY = 0x6f72646f;

/** Held while the schema is created, so stores starting together do not race in the catalogue. */
export const SCHEMA_LOCK_KEY = LOG_LOCK_KEY + 1;

/** Sent (by pg_notify, delivered at commit) after each append, so subscribers wake at once. */
export const APPENDED_CHANNEL = 'ordo_events_appended';
