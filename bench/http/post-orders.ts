/**
 * Benchmark (c): POST /v1/orders through the full Ordo stack vs a Nest hello POST with a
 * comparable 6-field DTO, on the same adapter, measured in the same run (absolute req/s on this
 * shared 2-core machine mean little; the ratio is the result). Target: ordo ≥ 40% of hello.
 * Two Ordo variants: without Idempotency-Key, and with a fresh key on every request.
 * Each server is its own child process; autocannon runs here. Per adapter: 3 s warm-up per
 * target, then ROUNDS rounds of hello → ordo → ordo+idem, 10 s each, 50 connections, pipelining 1.
 * Usage: npm run build && node dist/bench/http/post-orders.js [express] [fastify]
 * (BENCH_ROUNDS / BENCH_SECONDS only to smoke-test the script; the doc's figures use 3 × 10 s.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startServer, type Server } from './children.js';
import { round, smoke, type Round, type Target } from './load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const TARGET_RATIO = 0.4;
const TARGETS: Target[] = ['hello', 'ordo', 'ordo+idem'];
const adapters = process.argv.slice(2).filter((a) => a === 'express' || a === 'fastify');
if (adapters.length === 0) adapters.push('express', 'fastify');

const servers = new Set<Server>();
const dirs: string[] = [];
const cleanup = () => {
  killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
};
process.once('SIGINT', () => (cleanup(), process.exit(130)));
process.once('SIGTERM', () => (cleanup(), process.exit(143)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function checkClean(adapter: string, r: Round): void {
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`FAIL ${adapter} ${r.target}: ${r.non2xx} non-2xx and ${r.errors} errors/timeouts in ${r.total} responses (${r.statuses})`);
  }
}

async function benchAdapter(adapter: string): Promise<{ ordo: number; idem: number } | undefined> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-bench-'));
  dirs.push(dataDir);
  let hello: Server, ordo: Server;
  try {
    hello = await startServer('hello-server.js', adapter);
    servers.add(hello);
    ordo = await startServer('ordo-server.js', adapter, { dataDir });
    servers.add(ordo);
    await smoke(hello.url, 'hello');
    await smoke(ordo.url, 'ordo', ordo.extra[0]);
    await smoke(ordo.url, 'ordo+idem', ordo.extra[0]);
  } catch (error) {
    if (adapter === 'express') throw error;
    await Promise.all([...servers].map((s) => s.stop()));
    servers.clear();
    console.log(`\n== ${adapter}: SKIPPED — ${(error as Error).message}`);
    if (!(error as Error).message.includes('\n')) {
      // The bench servers run with Nest's logger off: start once more with logs on to say why.
      const why = await startServer('ordo-server.js', adapter, { dataDir, env: { BENCH_DEBUG: '1' } }).then((s) => (s.stop(), 'started with logs on'), (e: Error) => e.message);
      console.log(`   with BENCH_DEBUG=1: ${why}`);
    }
    return undefined;
  }
  const serverOf = (t: Target) => (t === 'hello' ? hello : ordo);
  const measure = async (t: Target, seconds: number): Promise<Round> => {
    const before = serverOf(t).cpuMs();
    const r = await round(serverOf(t).url, t, seconds, ordo.extra[0]);
    const after = serverOf(t).cpuMs();
    return before !== undefined && after !== undefined && r.total > 0 ? { ...r, cpuUs: ((after - before) * 1000) / r.total } : r;
  };
  console.log(`\n== ${adapter} (hello ${hello.url}, ordo ${ordo.url}, data ${dataDir})`);
  for (const t of TARGETS) checkClean(adapter, await measure(t, WARMUP_SECONDS));
  const rounds: Round[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    for (const t of TARGETS) {
      const r = await measure(t, SECONDS);
      const cpu = r.cpuUs === undefined ? '' : `  server CPU ${fmt(r.cpuUs)} µs/req`;
      console.log(`  round ${i} ${t.padEnd(9)} ${fmt(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${cpu}  (${r.statuses})`);
      checkClean(adapter, r);
      rounds.push(r);
    }
  }
  await Promise.all([hello.stop(), ordo.stop()]);
  servers.delete(hello);
  servers.delete(ordo);

  const rps: Record<string, number> = {};
  console.log(`\n| ${adapter} | median req/s | median p99 (ms) | req/s per round | server CPU µs/req (median) | non-2xx |`);
  console.log('|---|---:|---:|---|---:|---:|');
  for (const t of TARGETS) {
    const mine = rounds.filter((r) => r.target === t);
    rps[t] = median(mine.map((r) => r.rps));
    const non2xx = mine.reduce((n, r) => n + r.non2xx, 0);
    const cpu = mine.every((r) => r.cpuUs !== undefined) ? fmt(median(mine.map((r) => r.cpuUs!))) : 'n/a';
    console.log(`| ${t} | ${fmt(rps[t])} | ${median(mine.map((r) => r.p99))} | ${mine.map((r) => fmt(r.rps)).join(' / ')} | ${cpu} | ${non2xx} |`);
  }
  const verdict = (x: number) => `${(x * 100).toFixed(1)}% of hello → ${x >= TARGET_RATIO ? 'PASS' : 'MISS'} (target ≥ ${TARGET_RATIO * 100}%)`;
  console.log(`\n${adapter}: ordo/hello       = ${verdict(rps.ordo / rps.hello)}`);
  console.log(`${adapter}: ordo+idem/hello  = ${verdict(rps['ordo+idem'] / rps.hello)}`);
  const cpu = (t: Target) => median(rounds.filter((r) => r.target === t).map((r) => r.cpuUs ?? NaN));
  if (!Number.isNaN(cpu('hello'))) {
    console.log(`${adapter}: server CPU per request: ordo ${(cpu('ordo') / cpu('hello')).toFixed(1)}× hello, ordo+idem ${(cpu('ordo+idem') / cpu('hello')).toFixed(1)}× hello`);
  }
  return { ordo: rps.ordo / rps.hello, idem: rps['ordo+idem'] / rps.hello };
}

console.log(`POST /v1/orders vs hello-with-DTO — node ${process.version}, ${cpus().length} cpus, load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${ROUNDS} rounds × ${SECONDS} s per target, 50 connections, pipelining 1, warm-up ${WARMUP_SECONDS} s`);
const started = Date.now();
let failed = false;
try {
  for (const adapter of adapters) await benchAdapter(adapter);
} catch (error) {
  failed = true;
  console.error(`\n${(error as Error).message}`);
} finally {
  await Promise.all([...servers].map((s) => s.stop()));
  cleanup();
}
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
