import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Whole numbers as JS numbers, as better-sqlite3 answers them, so a job reads the same values on
 * both engines. PostgreSQL answers BIGINT, COUNT and SUM (NUMERIC) as strings; every integer this
 * service stores (minor units, positions, revisions) stays below 2^53, and one that did not would
 * stop the read rather than be rounded.
 */
function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe whole number: ${text}`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? wholeNumber : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool for read models on PostgreSQL. */
export function createReadModelPool(connectionString: string, max = 4): pg.Pool {
  return new pg.Pool({ connectionString, max, types });
}

/** A single connection with the same type rules (the projector's lock session). */
export function createReadModelClient(connectionString: string): pg.Client {
  return new pg.Client({ connectionString, types });
}
