/**
 * PostgreSQL appends: 64 concurrent appenders, each appending single events to its own stream
 * (exact expected revision every time), K appends each. PostgresEventStore (advisory lock, gapless
 * positions, revision check, group commit) vs a raw baseline in the same run: the same rows
 * inserted by bare autocommit INSERTs on a pool of the same size into a table with a BIGSERIAL
 * position — what the server does at least for one durable write per append, with no ordering
 * or concurrency guarantee at all.
 *
 *   npm run build && ORDO_BENCH_POSTGRES_URL=postgresql://ordo:ordo@127.0.0.1:5432/ordo_test \
 *     node dist/bench/event-store/postgres-append.js [--rounds=5] [--appends=50]
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore, type NewEvent } from '../../libs/event-store/src/index.js';
import { flag, machineNote, median, SAMPLE_DATA, SAMPLE_METADATA, table, timed } from './bench-support.js';

const url = process.env.ORDO_BENCH_POSTGRES_URL ?? process.env.ORDO_TEST_POSTGRES_URL;
if (!url) {
  console.log('postgres-append: SKIPPED — set ORDO_BENCH_POSTGRES_URL (or ORDO_TEST_POSTGRES_URL)');
  process.exit(0);
}
const WRITERS = 64;
const rounds = flag('rounds', 5);
const perWriter = flag('appends', 50);
const event: NewEvent = { type: 'PaymentCaptured', data: SAMPLE_DATA, metadata: SAMPLE_METADATA };

const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);
const store = await PostgresEventStore.connect(scoped.toString());
const raw = new pg.Pool({ connectionString: scoped.toString(), max: 8 });
await raw.query(`CREATE TABLE raw_events (position BIGSERIAL PRIMARY KEY, id UUID NOT NULL, stream_name TEXT NOT NULL, revision BIGINT NOT NULL,
  type TEXT NOT NULL, data JSON NOT NULL, metadata JSON NOT NULL, recorded_at TIMESTAMPTZ NOT NULL)`);

const data = JSON.stringify(SAMPLE_DATA);
const metadata = JSON.stringify(SAMPLE_METADATA);
const total = WRITERS * perWriter;
const rates = { ordo: [] as number[], raw: [] as number[] };
try {
  console.log(`PostgreSQL appends — ${machineNote()}; ${WRITERS} writers × ${perWriter} single-event appends, ${rounds} rounds`);
  for (let r = 0; r < rounds; r++) {
    const ordoSeconds = await timed(() =>
      Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          let expected: 'no_stream' | bigint = 'no_stream';
          for (let i = 0; i < perWriter; i++) expected = (await store.append(`r${r}-writer-${w}`, [event], expected)).nextExpectedRevision;
        }),
      ),
    );
    const rawSeconds = await timed(() =>
      Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            await raw.query('INSERT INTO raw_events (id, stream_name, revision, type, data, metadata, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, now())', [
              randomUUID(),
              `r${r}-writer-${w}`,
              i,
              event.type,
              data,
              metadata,
            ]);
          }
        }),
      ),
    );
    rates.ordo.push(total / ordoSeconds);
    rates.raw.push(total / rawSeconds);
  }
  console.log(
    table(
      ['', 'appends/s (median)', 'per round'],
      [
        ['PostgresEventStore (group commit, gapless)', Math.round(median(rates.ordo)), rates.ordo.map((x) => Math.round(x)).join(' / ')],
        ['raw autocommit INSERTs, pool of 8', Math.round(median(rates.raw)), rates.raw.map((x) => Math.round(x)).join(' / ')],
      ],
    ),
  );
  console.log(`\nordo/raw = ${((median(rates.ordo) / median(rates.raw)) * 100).toFixed(0)}%`);
} finally {
  await store.close();
  await raw.end();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
