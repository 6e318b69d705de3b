/**
 * Delivery state: one row per (endpoint, event), queued by the event fan-out in the same
 * transaction as the event's feed row, then moved on by the dispatcher; one row per attempt.
 * Not a rebuildable read model: a rebuild never empties these tables (the fan-out inserts with
 * OR IGNORE, so a replay queues nothing twice), which is why they survive restarts and replays.
 */
export const DELIVERY_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS webhook_deliveries (
     id TEXT PRIMARY KEY, endpoint_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
     merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL,
     status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT, last_attempt_at TEXT, last_response_code INTEGER, last_error TEXT, delivered_at TEXT,
     created_at TEXT NOT NULL, UNIQUE (endpoint_id, event_id))`,
  // The dispatcher's two questions: which endpoints have something due, and the next due rows of one.
  'CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (endpoint_id, status, seq)',
  'CREATE INDEX IF NOT EXISTS webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, seq DESC)',
  `CREATE TABLE IF NOT EXISTS webhook_attempts (
     delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL,
     response_code INTEGER, error TEXT, next_attempt_at TEXT, PRIMARY KEY (delivery_id, attempt))`,
  `CREATE TABLE IF NOT EXISTS webhook_endpoint_health (
     endpoint_id TEXT PRIMARY KEY, consecutive_failures INTEGER NOT NULL, failing_since TEXT, last_success_at TEXT)`,
];
