/**
 * Group commit: 64 concurrent appenders, each appending single events to its own stream
 * (exact expected revision every time), K appends each; SqliteEventStore with group commit vs
 * the same store with one transaction per append; synchronous=FULL on temp files.
 * Target: group commit >= 5x the appends/s of one transaction per append.
 *
 *   npm run build && node dist/bench/event-store/group-commit.js [--rounds=7] [--appends=50]
 */
import { createSqliteEventStore, type NewEvent, type SqliteEventStoreBundle } from '../../libs/event-store/src/index.js';
import { flag, machineNote, median, SAMPLE_DATA, SAMPLE_METADATA, scratchDir, table, timed } from './bench-support.js';

const WRITERS = 64;
const TARGET = 5;
const rounds = flag('rounds', 7);
const perWriter = flag('appends', 50);

const event: NewEvent = { type: 'PaymentCaptured', data: SAMPLE_DATA, metadata: SAMPLE_METADATA };

async function round(bundle: SqliteEventStoreBundle, tag: string): Promise<{ seconds: number; batches: number }> {
  const batchesBefore = bundle.writer.committedBatches;
  const seconds = await timed(() =>
    Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const stream = `${tag}-writer-${w}`;
        let expected: 'no_stream' | bigint = 'no_stream';
        for (let i = 0; i < perWriter; i++) expected = (await bundle.store.append(stream, [event], expected)).nextExpectedRevision;
      }),
    ),
  );
  return { seconds, batches: bundle.writer.committedBatches - batchesBefore };
}

async function main(): Promise<void> {
  const before = machineNote();
  const scratch = scratchDir('ordo-bench-group-');
  const grouped = createSqliteEventStore({ path: scratch.file('grouped.db'), synchronous: 'FULL', groupCommit: true });
  const single = createSqliteEventStore({ path: scratch.file('single.db'), synchronous: 'FULL', groupCommit: false });
  const total = WRITERS * perWriter;
  const rates = { grouped: [] as number[], single: [] as number[] };
  const ratios: number[] = [];
  const batches = { grouped: [] as number[], single: [] as number[] };
  try {
    await round(grouped, 'warm');
    await round(single, 'warm');
    for (let r = 0; r < rounds; r++) {
      // Alternate which mode goes first so that machine drift hits both.
      const order = r % 2 === 0 ? (['grouped', 'single'] as const) : (['single', 'grouped'] as const);
      for (const mode of order) {
        const result = await round(mode === 'grouped' ? grouped : single, `r${r}`);
        rates[mode].push(total / result.seconds);
        batches[mode].push(result.batches);
      }
      // The verdict uses the median of per-round ratios (each round pairs both modes).
      ratios.push(rates.grouped[r] / rates.single[r]);
    }
  } finally {
    await grouped.close();
    await single.close();
    scratch.cleanup();
  }
  const groupedRate = Math.round(median(rates.grouped));
  const singleRate = Math.round(median(rates.single));
  const ratio = median(ratios);
  console.log(`group-commit: ${WRITERS} concurrent writers x ${perWriter} single-event appends, synchronous=FULL, median of ${rounds} rounds after warm-up`);
  console.log(`machine: ${before} at start; ${machineNote()} at end`);
  console.log(
    table(
      ['mode', 'appends/s', 'transactions/round', 'appends/transaction'],
      [
        ['one transaction per append', singleRate, median(batches.single), total / median(batches.single)],
        ['group commit', groupedRate, median(batches.grouped), total / median(batches.grouped)],
      ],
    ),
  );
  console.log(`ratio (median of paired rounds): ${ratio.toFixed(1)}x (target >= ${TARGET}x) ${ratio >= TARGET ? 'PASS' : 'MISS'}`);
}

await main();
