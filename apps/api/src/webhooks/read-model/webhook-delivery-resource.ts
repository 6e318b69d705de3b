/** A delivery row as the database holds it. */
export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_response_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface AttemptRow {
  attempt: number;
  started_at: string;
  duration_ms: number;
  response_code: number | null;
  error: string | null;
  next_attempt_at: string | null;
}

export const DELIVERY_COLUMNS = 'id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_attempt_at, last_response_code, last_error, delivered_at, created_at';

/** The API representation of one event's delivery to one endpoint; with its attempts when asked for one. */
export function toDeliveryResource(row: DeliveryRow, attempts?: AttemptRow[]) {
  return {
    id: row.id,
    object: 'webhook_delivery' as const,
    webhook_endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempt_count: row.attempts,
    /** Null when nothing more will be tried (succeeded or failed), or when it is due now. */
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    last_attempt_at: row.last_attempt_at,
    last_response_code: row.last_response_code,
    last_error: row.last_error,
    delivered_at: row.delivered_at,
    created_at: row.created_at,
    ...(attempts ? { attempts: attempts.map((a) => ({ ...a })) } : {}),
  };
}

export type DeliveryResource = ReturnType<typeof toDeliveryResource>;
