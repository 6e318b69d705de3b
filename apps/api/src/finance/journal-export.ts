import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SqlitePersistence } from '../persistence/sqlite-persistence.js';

const COLUMNS = ['position', 'entry', 'line', 'merchant_id', 'mode', 'currency', 'order_id', 'reason', 'account', 'amount', 'occurred_at'] as const;

/**
 * `journal:export [--out=FILE]`: every journal line as CSV, in log order, streamed with
 * back-pressure (a long journal never sits in memory) and flushed before the CLI exits.
 */
export async function exportJournal(sqlite: SqlitePersistence, args: string[]): Promise<number> {
  const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  const sink: Writable = out ? createWriteStream(out) : process.stdout;
  const write = async (text: string) => {
    if (!sink.write(text)) await once(sink, 'drain');
  };
  await write(COLUMNS.join(',') + '\n');
  let lines = 0;
  // Pages by key, not one open cursor: the connection stays free between awaits.
  const page = sqlite.db.prepare(`SELECT ${COLUMNS.join(', ')} FROM journal_lines WHERE (position, entry, line) > (?, ?, ?) ORDER BY position, entry, line LIMIT 5000`);
  let after: [number, number, number] = [-1, 0, 0];
  for (;;) {
    const rows = page.all(...after) as Record<(typeof COLUMNS)[number], string | number>[];
    if (rows.length === 0) break;
    // Ids, codes and ISO times hold no comma or quote: no CSV quoting needed.
    for (const row of rows) await write(COLUMNS.map((c) => String(row[c])).join(',') + '\n');
    lines += rows.length;
    const last = rows.at(-1)!;
    after = [Number(last.position), Number(last.entry), Number(last.line)];
  }
  if (out) {
    sink.end();
    await once(sink, 'finish');
  }
  process.stderr.write(`journal: ${lines} lines\n`);
  return 0;
}
