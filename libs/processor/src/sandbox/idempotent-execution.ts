import type Database from 'better-sqlite3';
import { requestHash } from '../idempotency/request-hash.js';
import { ProcessorIdempotencyMismatchError, ProcessorRejectedError, type ProcessorRejectionCode } from '../processor-errors.js';
import type { ProcessorRecord } from '../processor.port.js';
import type { ProcessorOperation, ProcessorResult } from '../processor-results.js';
import type { SandboxRecord } from './sandbox-record.js';
import type { IdempotencyRow } from './sandbox-rows.js';

type StoredAnswer =
  | { outcome: 'result'; result: ProcessorResult }
  | { outcome: 'rejected'; error: { code: ProcessorRejectionCode; message: string } };

/**
 * Runs one keyed operation as ONE immediate transaction: look the key up; replay or refuse a
 * mismatch; otherwise run the effect and store the answer under the key, then commit (fsynced:
 * synchronous=FULL) before the promise resolves. A crash at any point leaves either nothing or
 * the effect together with its key — never an effect the key does not know about.
 *
 * A rejection (ProcessorRejectedError) is a final answer: its partial writes are rolled back to
 * a savepoint, the rejection is stored, and a replay throws it again. Validation, not-found
 * and unexpected errors roll the whole transaction back and store nothing, so a corrected
 * retry with the same key can still run.
 */
export function executeIdempotently<R extends ProcessorResult>(
  record: SandboxRecord,
  operation: ProcessorOperation,
  idempotencyKey: string,
  params: object,
  run: () => R,
): R {
  const hash = requestHash(operation, params);
  const db: Database.Database = record.db;
  const answer = db
    .transaction((): StoredAnswer => {
      const existing = record.idempotencyKey(idempotencyKey);
      if (existing !== undefined) {
        if (existing.operation !== operation || existing.request_hash !== hash) throw new ProcessorIdempotencyMismatchError(idempotencyKey);
        return storedAnswer(existing);
      }
      let stored: StoredAnswer;
      try {
        // A nested better-sqlite3 transaction is a savepoint: a rejection undoes only the effect.
        stored = { outcome: 'result', result: db.transaction(run)() };
      } catch (error) {
        if (!(error instanceof ProcessorRejectedError)) throw error;
        stored = { outcome: 'rejected', error: { code: error.code, message: error.message } };
      }
      record.insertIdempotencyKey({
        key: idempotencyKey,
        operation,
        request_hash: hash,
        outcome: stored.outcome,
        body: JSON.stringify(stored.outcome === 'result' ? stored.result : stored.error),
      });
      return stored;
    })
    .immediate();
  if (answer.outcome === 'rejected') throw new ProcessorRejectedError(answer.error.code, answer.error.message);
  return answer.result as R;
}

/** The stored answer for a key in the port's shape (what lookup returns). */
export function toProcessorRecord(row: IdempotencyRow): ProcessorRecord {
  const answer = storedAnswer(row);
  const operation = row.operation as ProcessorOperation;
  return answer.outcome === 'result'
    ? { idempotencyKey: row.key, operation, outcome: 'result', result: answer.result }
    : { idempotencyKey: row.key, operation, outcome: 'rejected', error: answer.error };
}

function storedAnswer(row: IdempotencyRow): StoredAnswer {
  const body: unknown = JSON.parse(row.body);
  return row.outcome === 'result'
    ? { outcome: 'result', result: body as ProcessorResult }
    : { outcome: 'rejected', error: body as { code: ProcessorRejectionCode; message: string } };
}
