import Database from 'better-sqlite3';
import type pg from 'pg';
import { freshPostgresSchema, postgresTestUrl, type TestSchema } from '../../../../libs/event-store/src/testing/postgres-test-schema.js';
import { createReadModelPool } from './postgres/read-model-pool.js';
import { PostgresReadDb, SqliteReadDb, type ReadDb } from './read-db.js';
import { postgresDdl } from './sql/postgres-sql.js';

const DDL = 'CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, amount INTEGER NOT NULL, note TEXT)';
const ROWS = [
  ['a', 2_500, 'first'],
  ['b', 9_007_199_254_740_991, null],
  ['c', -300, 'third'],
] as const;

interface Engine {
  name: string;
  open(): Promise<{ db: ReadDb; close(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite',
    async open() {
      const db = new Database(':memory:');
      db.exec(DDL);
      for (const row of ROWS) db.prepare('INSERT INTO items VALUES (?, ?, ?)').run(...row);
      return { db: new SqliteReadDb(db), close: async () => void db.close() };
    },
  },
  ...(postgresTestUrl
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const schema: TestSchema = await freshPostgresSchema('readdb');
            const pool: pg.Pool = createReadModelPool(schema.url);
            await pool.query(postgresDdl(DDL));
            for (const row of ROWS) await pool.query('INSERT INTO items VALUES ($1, $2, $3)', [...row]);
            return {
              db: new PostgresReadDb(pool),
              close: async () => {
                await pool.end();
                await schema.drop();
              },
            };
          },
        },
      ]
    : []),
];

describe.each(engines)('ReadDb on $name: the same statement answers the same rows', (engine) => {
  let subject: Awaited<ReturnType<Engine['open']>>;
  beforeAll(async () => void (subject = await engine.open()));
  afterAll(() => subject.close());

  it('positional placeholders; integers (up to 2^53 − 1) as numbers, text as strings, NULL as null', async () => {
    const rows = await subject.db.all<{ id: string; amount: number; note: string | null }>('SELECT id, amount, note FROM items WHERE amount > ? ORDER BY id', [-1_000]);
    expect(rows).toEqual(ROWS.map(([id, amount, note]) => ({ id, amount, note })));
  });

  it('named placeholders, used twice; aggregates as numbers', async () => {
    const row = await subject.db.first<{ n: number; total: number }>('SELECT COUNT(*) AS n, SUM(amount) AS total FROM items WHERE (amount >= @floor AND amount < @floor + 1000000) OR id = @id', { floor: 0, id: 'c' });
    expect(row).toEqual({ n: 2, total: 2_500 - 300 });
  });

  it('first answers undefined when no row matches', async () => {
    expect(await subject.db.first('SELECT id FROM items WHERE id = ?', ['zzz'])).toBeUndefined();
  });
});

if (!postgresTestUrl) it.skip('ReadDb on PostgreSQL (set ORDO_TEST_POSTGRES_URL)', () => undefined);
