import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Processor calls a kill left in flight (an intent processing, no outcome yet): what the restart's recovery pass must settle. */
export function leftInFlight(dir: string): number {
  const db = new Database(join(dir, 'ordo.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM payment_intents WHERE pending_key IS NOT NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
