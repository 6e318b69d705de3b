import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for the run's database files, removed by `cleanup`. */
export function scratchDir(prefix: string): { file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds elapsed while `work` runs. */
export async function timed(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? format(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function format(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}

/** Parses `--rounds=7`-style flags with defaults. */
export function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** The same payload on both sides of every comparison: a realistic small order event. */
export const SAMPLE_DATA = {
  order_id: 'ord_01HZX3Q9V1',
  line_items: [
    { id: 'li_1', name: 'Espresso beans 1kg', quantity: 2, unit_price_money: { amount: 2450, currency: 'EUR' } },
    { id: 'li_2', name: 'Grinder', quantity: 1, unit_price_money: { amount: 12900, currency: 'EUR' } },
  ],
  total_money: { amount: 17800, currency: 'EUR' },
  occurred_at: '2030-01-01T10:00:00.000Z',
};

export const SAMPLE_METADATA = {
  merchant_id: 'mer_01HZX3',
  mode: 'test' as const,
  request_id: 'req_01HZX3Q9',
  correlation_id: 'req_01HZX3Q9',
  schema_version: 1,
};

/** Printed with every result: these machines are shared and noisy, so say how busy it was. */
export function machineNote(): string {
  return `node ${process.version}, ${availableParallelism()} cores, 1-min load average ${loadavg()[0].toFixed(2)}`;
}
