/**
 * The HTTP comparison runner shared by the HTTP benches: a Nest hello POST with a comparable
 * 6-field DTO vs Ordo routes, on the same adapter, measured in the same run (absolute req/s on
 * this shared 2-core machine mean little; the ratio is the result). Each server is its own child
 * process; autocannon runs here. Per adapter: 3 s warm-up per target, then ROUNDS rounds of every
 * target in turn, 10 s each, 50 connections, pipelining 1.
 * (BENCH_ROUNDS / BENCH_SECONDS only to smoke-test a script; the doc's figures use 3 × 10 s.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startServer, type Server } from './children.js';
import { round, smoke, type Round, type Target } from './load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;

export interface Comparison {
  /** First line of the report. */
  title: string;
  /** 'hello' first: every other target is reported as a ratio to it. */
  targets: Target[];
  /** The ratio a target must reach to PASS, when the issue set one. */
  targetRatio?: number;
}

let TARGETS: Target[] = [];
let TARGET_RATIO: number | undefined;
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

async function benchAdapter(adapter: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-bench-'));
  dirs.push(dataDir);
  let hello: Server, ordo: Server;
  const serverOf = (t: Target) => (t === 'hello' ? hello : ordo);
  try {
    hello = await startServer('hello-server.js', adapter);
    servers.add(hello);
    ordo = await startServer('ordo-server.js', adapter, { dataDir });
    servers.add(ordo);
    for (const t of TARGETS) await smoke(serverOf(t).url, t, ordo.extra[0]);
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
    return;
  }
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
  const verdict = (x: number) =>
    `${(x * 100).toFixed(1)}% of hello` + (TARGET_RATIO === undefined ? '' : ` → ${x >= TARGET_RATIO ? 'PASS' : 'MISS'} (target ≥ ${TARGET_RATIO * 100}%)`);
  const cpu = (t: Target) => median(rounds.filter((r) => r.target === t).map((r) => r.cpuUs ?? NaN));
  console.log('');
  for (const t of TARGETS.filter((t) => t !== 'hello')) {
    const perRequest = Number.isNaN(cpu('hello')) ? '' : `; server CPU per request ${(cpu(t) / cpu('hello')).toFixed(1)}× hello`;
    console.log(`${adapter}: ${`${t}/hello`.padEnd(16)} = ${verdict(rps[t] / rps.hello)}${perRequest}`);
  }
}

/** Runs the comparison on the adapters named in argv (default both), prints the report, exits. */
export async function runComparison(comparison: Comparison): Promise<never> {
  TARGETS = comparison.targets;
  TARGET_RATIO = comparison.targetRatio;
  const adapters = process.argv.slice(2).filter((a) => a === 'express' || a === 'fastify');
  if (adapters.length === 0) adapters.push('express', 'fastify');
  console.log(`${comparison.title} — node ${process.version}, ${cpus().length} cpus, load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
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
}
