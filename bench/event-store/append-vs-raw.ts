/**
 * Adapter overhead: SqliteEventStore.append of N events vs raw better-sqlite3 inserting the same
 * N rows in one transaction with a prepared statement, N = 1, 10, 100; sequential appends, each
 * to a new stream; synchronous=FULL on temp files. The raw side does the same per-row work the
 * adapter must do (the same time-ordered UUID, JSON.stringify of data and metadata, one timestamp per append) so the
 * ratio isolates what the adapter adds: validation, the expected-revision check, the writer
 * queue and savepoint, the promise. Target: adapter >= 80% of raw at every size.
 *
 *   npm run build && node dist/bench/event-store/append-vs-raw.js [--rounds=7] [--events=3000]
 */
import type Database from 'better-sqlite3';
import { createSqliteEventStore, EVENTS_SCHEMA, openSqlite, uuidV7, type NewEvent } from '../../libs/event-store/src/index.js';
import { flag, machineNote, median, SAMPLE_DATA, SAMPLE_METADATA, scratchDir, table, timed } from './bench-support.js';

const SIZES = [1, 10, 100];
const TARGET = 0.8;
const rounds = flag('rounds', 7);
// Events written per side, per round and per size: enough transactions for a stable rate.
const eventsPerRound = flag('events', 3000);

function rawAppender(db: Database.Database) {
  db.exec(EVENTS_SCHEMA);
  const insert = db.prepare('INSERT INTO events (id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  return (stream: string, events: NewEvent[]) => {
    begin.run();
    const recordedAt = new Date().toISOString();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      insert.run(uuidV7(), stream, i, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt);
    }
    commit.run();
  };
}

async function main(): Promise<void> {
  const before = machineNote();
  const scratch = scratchDir('ordo-bench-append-');
  const rawDb = openSqlite(scratch.file('raw.db'), { synchronous: 'FULL' });
  const raw = rawAppender(rawDb);
  const adapter = createSqliteEventStore({ path: scratch.file('adapter.db'), synchronous: 'FULL' });
  let stream = 0;
  const rows: (string | number)[][] = [];
  let allPass = true;
  try {
    for (const n of SIZES) {
      const events: NewEvent[] = Array.from({ length: n }, () => ({ type: 'LineItemAdded', data: SAMPLE_DATA, metadata: SAMPLE_METADATA }));
      const appends = Math.max(10, Math.round(eventsPerRound / n));
      const runRaw = () => timed(() => {
        for (let i = 0; i < appends; i++) raw(`raw-${stream++}`, events);
      });
      const runAdapter = () => timed(async () => {
        for (let i = 0; i < appends; i++) await adapter.store.append(`adapter-${stream++}`, events, 'no_stream');
      });
      // Warm-up (JIT, page cache, WAL growth), then alternate the sides so drift hits both.
      await runRaw();
      await runAdapter();
      const rawRates: number[] = [];
      const adapterRates: number[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // Each round pairs the two sides back to back (alternating which goes first), and the
        // verdict uses the median of the per-round ratios: a slow spell of this shared machine
        // then hits both sides of a pair instead of skewing one side's median.
        let rawRate: number;
        let adapterRate: number;
        if (r % 2 === 0) {
          rawRate = (appends * n) / (await runRaw());
          adapterRate = (appends * n) / (await runAdapter());
        } else {
          adapterRate = (appends * n) / (await runAdapter());
          rawRate = (appends * n) / (await runRaw());
        }
        rawRates.push(rawRate);
        adapterRates.push(adapterRate);
        ratios.push(adapterRate / rawRate);
      }
      const ratio = median(ratios);
      const pass = ratio >= TARGET;
      allPass &&= pass;
      rows.push([`N=${n}`, appends, Math.round(median(rawRates)), Math.round(median(adapterRates)), `${(ratio * 100).toFixed(1)}%`, pass ? 'PASS' : 'MISS']);
    }
  } finally {
    await adapter.close();
    rawDb.close();
    scratch.cleanup();
  }
  console.log(`append-vs-raw: sequential appends to new streams, synchronous=FULL, median of ${rounds} rounds after warm-up`);
  console.log(`machine: ${before} at start; ${machineNote()} at end`);
  console.log(table(['size', 'appends/round', 'raw ev/s', 'adapter ev/s', 'adapter/raw (paired)', `>= ${TARGET * 100}%`], rows));
  console.log(allPass ? 'RESULT: PASS' : 'RESULT: MISS');
}

await main();
