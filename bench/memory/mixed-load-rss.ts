/**
 * Issue 13's memory check: the real Ordo server (its own process, the SQLite default) under a
 * mixed load for BENCH_SECONDS (default 300) — orders created and read, card payments created and
 * confirmed (automatic capture), partial refunds, manual payments, keyed retries answered from
 * storage, list pages — from 16 concurrent clients; the server's RSS is sampled from
 * /proc/<pid>/status every 10 s. Reported: the samples, the mean of the first and last thirds, and
 * the least-squares slope over the last two thirds (after warm-up: caches fill first), in MB per
 * minute; beside it the JS heap in use (the server's GET /metrics), to tell a heap leak from native
 * memory. "Flat" means the last third's mean is within 10 % of the middle third's and the slope
 * is under 1 MB/min.
 * Usage: npm run build && node dist/bench/memory/mixed-load-rss.js
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startServer } from '../http/children.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const CLIENTS = 16;
const SAMPLE_MS = 10_000;

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function slopePerMinute(points: { t: number; mb: number }[]): number {
  const mt = mean(points.map((p) => p.t));
  const mm = mean(points.map((p) => p.mb));
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.mb - mm), 0);
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60_000;
}

const dataDir = mkdtempSync(join(tmpdir(), 'ordo-rss-'));
process.once('SIGINT', () => (killAll(), rmSync(dataDir, { recursive: true, force: true }), process.exit(130)));
const server = await startServer('ordo-server.js', 'express', { dataDir });
const pid = server.pid!;
const key = server.extra[0]!;
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
const counts = { requests: 0, failures: 0 };
const usd = (amount: number) => ({ amount, currency: 'USD' });

async function call(method: string, path: string, body?: object, extra: Record<string, string> = {}): Promise<{ data?: Record<string, unknown> }> {
  counts.requests++;
  const res = await fetch(`${server.url}${path}`, { method, headers: { ...headers, ...extra }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as { data?: Record<string, unknown> };
  if (res.status >= 300) counts.failures++;
  return json;
}

let n = 0;
async function client(until: number): Promise<void> {
  while (Date.now() < until) {
    const i = n++;
    const order = (await call('POST', '/v1/orders', { currency: 'USD', line_items: [{ name: `Item ${i}`, quantity: 2, unit_price_money: usd(1_000 + (i % 500)) }] }, { 'Idempotency-Key': `o-${i}` })).data!;
    await call('GET', `/v1/orders/${String(order.id)}`);
    if (i % 3 === 0) {
      const pi = (await call('POST', '/v1/payment-intents', { order_id: order.id, payment_method: { token: 'tok_visa' }, confirm: true })).data!;
      if (i % 6 === 0) await call('POST', '/v1/refunds', { payment_intent_id: pi.id, amount_money: usd(500) });
    } else if (i % 3 === 1) {
      await call('POST', `/v1/orders/${String(order.id)}/manual-payments`, { amount_money: usd(700), method: 'wire', received_at: '2026-12-01' });
    } else {
      // A retry answered from the idempotency store, and a list page.
      await call('POST', '/v1/orders', { currency: 'USD', line_items: [{ name: `Item ${i}`, quantity: 2, unit_price_money: usd(1_000 + (i % 500)) }] }, { 'Idempotency-Key': `o-${i}` });
      await call('GET', '/v1/orders?page_size=20');
    }
  }
}

/** The JS heap in use, from the server's own GET /metrics: tells a heap leak from native memory. */
async function heapMb(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_size_used_bytes '));
  return line ? Number(line.split(' ')[1]) / 1_048_576 : NaN;
}

const started = Date.now();
const samples: { t: number; mb: number }[] = [{ t: 0, mb: rssMb(pid) }];
const heap: number[] = [await heapMb()];
const sampler = setInterval(() => {
  samples.push({ t: Date.now() - started, mb: rssMb(pid) });
  void heapMb().then((mb) => heap.push(mb));
}, SAMPLE_MS);
try {
  await Promise.all(Array.from({ length: CLIENTS }, () => client(started + SECONDS * 1000)));
  samples.push({ t: Date.now() - started, mb: rssMb(pid) });
} finally {
  clearInterval(sampler);
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const third = Math.max(1, Math.floor(samples.length / 3));
const first = samples.slice(0, third);
const middle = samples.slice(third, 2 * third);
const last = samples.slice(2 * third);
const slope = slopePerMinute(samples.slice(third));
const flat = Math.abs(mean(last.map((s) => s.mb)) - mean(middle.map((s) => s.mb))) <= 0.1 * mean(middle.map((s) => s.mb)) && slope < 1;
console.log(`mixed load ${SECONDS} s, ${CLIENTS} clients: ${counts.requests} requests (${(counts.requests / SECONDS).toFixed(0)} req/s), ${counts.failures} non-2xx`);
console.log(`RSS MB every ${SAMPLE_MS / 1000} s: ${samples.map((s) => s.mb.toFixed(0)).join(' ')}`);
console.log(`JS heap used MB (same instants): ${heap.map((mb) => mb.toFixed(0)).join(' ')}`);
console.log(`mean RSS: first third ${mean(first.map((s) => s.mb)).toFixed(0)} MB, middle ${mean(middle.map((s) => s.mb)).toFixed(0)} MB, last ${mean(last.map((s) => s.mb)).toFixed(0)} MB`);
console.log(`slope over the last two thirds: ${slope.toFixed(2)} MB/min → ${flat ? 'FLAT' : 'GROWING'}; peak ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB`);
process.exit(counts.failures === 0 ? 0 : 1);
