import type { ReadDb } from '../persistence/read-db.js';
import type { SqlValue } from '../persistence/sql/sql-job.js';
import { ApiError } from './api-error.js';
import { Page } from './envelope.interceptor.js';
import { decodePageToken, encodePageToken } from './pagination.js';

export interface SeqPageQuery {
  /** A table with `seq` (log position or autoincrement), `merchant_id` and `mode`. */
  table: string;
  /** Columns to select besides `seq`. */
  columns: string;
  tenant: { merchantId: string; mode: string };
  page: { page_size: number; page_token?: string };
  /** Extra `AND …` conditions, each with the values of its placeholders, in order. */
  filters?: readonly (readonly [clause: string, ...values: SqlValue[]])[];
}

/**
 * One page of a tenant's rows, newest first by `seq`; the cursor is the last row's `seq`. The
 * shared list query of read models keyed by a sequence (plans, subscriptions, checkout sessions,
 * payment links).
 */
export async function pageBySeq<R, T>(db: ReadDb, q: SeqPageQuery, map: (row: R) => T): Promise<Page<T>> {
  let seq = Number.MAX_SAFE_INTEGER;
  if (q.page.page_token) {
    const [value] = decodePageToken(q.page.page_token, 1);
    if (typeof value !== 'number') throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
    seq = value;
  }
  const filters = q.filters ?? [];
  const rows = await db.all<R & { seq: number }>(
    `SELECT seq, ${q.columns} FROM ${q.table} WHERE merchant_id = ? AND mode = ? AND seq < ? ${filters.map(([clause]) => `AND ${clause}`).join(' ')} ORDER BY seq DESC LIMIT ?`,
    [q.tenant.merchantId, q.tenant.mode, seq, ...filters.flatMap(([, ...values]) => values), q.page.page_size + 1],
  );
  const served = rows.slice(0, q.page.page_size);
  const last = served.at(-1);
  return new Page(
    served.map(map),
    rows.length > q.page.page_size && last ? encodePageToken([last.seq]) : null,
  );
}
