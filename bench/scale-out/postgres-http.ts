/**
 * Scale-out benchmark: POST /v1/orders ('ordo') and create + confirm of a payment intent ('pay')
 * on three deployments, measured in the same run on the express adapter, with hello-with-DTO as
 * the raw baseline (absolute req/s on this shared 2-core machine mean little; the ratios are the
 * result):
 *   sqlite  the default: one process, the embedded SQLite file (bench/http/ordo-server.js);
 *   pg ×1   ORDO_EVENTS=postgres + ORDO_READ_MODELS=postgres: one API process (workers on) and
 *           one projector process (apps/projector) beside it;
 *   pg ×2   the same with two API processes (workers on in the first, off in the second) and one
 *           projector; the load is split across both ports (25 + 25 connections), req/s is the
 *           sum of the two, p99 (and p50) the worse of the two.
 * Each PostgreSQL deployment gets a fresh database (`bench_<random>`, dropped at the end; not a
 * schema: see freshDatabase) on the server BENCH_POSTGRES_URL names (default
 * postgresql://ordo:ordo@127.0.0.1:5432/ordo_test; the role needs CREATEDB, as .ci/run's has); its
 * processes share one secrets key and one data dir (the sandbox processor's SQLite file). Every
 * process is its own child, all of them up for the whole run; autocannon runs here. As in
 * bench/http/compare.ts: 3 s warm-up per target, then ROUNDS rounds of every target in turn
 * (interleaved), 10 s each, 50 connections in all, pipelining 1; any non-2xx or error fails the
 * run. CPU per request is that of the API process(es) and, apart, of the projector; the
 * PostgreSQL server's own CPU is not counted anywhere (it is shared with whatever else runs).
 * If no PostgreSQL answers, the SQLite figures are reported and PostgreSQL is SKIPPED (exit 0).
 * (BENCH_ROUNDS / BENCH_SECONDS only to smoke-test the script; figures are from 3 × 10 s.)
 * Usage: npm run build && node dist/bench/scale-out/postgres-http.js
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { childEnv, cpuMsOf, killAll, startServer, type Server } from '../http/children.js';
import { round, smoke, type Round, type Target } from '../http/load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const CONNECTIONS = 50;
const ADAPTER = 'express';
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://ordo:ordo@127.0.0.1:5432/ordo_test';
const START_TIMEOUT_MS = 60_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// ---- children and what must go at the end ------------------------------------------------------

interface Projector {
  cpuMs(): number | undefined;
  /** Warnings and errors it logged (pino lines at level ≥ 40), and anything else it wrote to stderr. */
  complaints: string[];
  stop(): Promise<void>;
}

interface Deployment {
  name: 'hello' | 'sqlite' | 'pg ×1' | 'pg ×2';
  /** The API processes (for hello, the hello server); the load is split evenly across them. */
  api: Server[];
  key?: string;
  projector?: Projector;
  stop(): Promise<void>;
}

const projectorChildren = new Set<ChildProcess>();
const dirs: string[] = [];
const databases: string[] = [];
const deployments: Deployment[] = [];

function killChildren(): void {
  killAll();
  for (const child of projectorChildren) child.kill('SIGKILL');
}
process.once('exit', killChildren);

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabases(): Promise<void> {
  for (const name of databases.splice(0)) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((e: Error) => console.error(`could not drop database ${name}: ${e.message}`));
  }
}

async function cleanup(): Promise<void> {
  await Promise.all(deployments.splice(0).map((d) => d.stop().catch(() => undefined)));
  killChildren();
  await dropDatabases();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the children, dropping the databases`);
    killChildren();
    const timer = setTimeout(() => process.exit(code), 5_000);
    timer.unref();
    void cleanup().finally(() => process.exit(code));
  });
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-bench-'));
  dirs.push(dir);
  return dir;
}

/**
 * A database of its own on the bench's PostgreSQL server, and its connection string. Not a schema
 * (as libs/event-store/src/testing/postgres-test-schema.ts makes for the tests): Ordo's advisory
 * locks (the log's append lock, the projector's and the workers' leases) and its NOTIFY channel
 * are per database, so two deployments in two schemas of one database would share them — the
 * second deployment's projector would stand by behind the first's and never project, and every
 * append would queue behind the other deployment's (and any test's running on that database).
 */
async function freshDatabase(): Promise<string> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  databases.push(name);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The server's version when PostgreSQL answers, else why not. */
async function postgresVersion(): Promise<{ version?: string; why?: string }> {
  try {
    const version = await admin(async (c) => {
      const { rows } = await c.query<{ v: string; max: string; used: string }>(
        "SELECT current_setting('server_version') AS v, current_setting('max_connections') AS max, (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used",
      );
      // The deployments hold some 70 connections between them (pools of ORDO_POSTGRES_POOL and more): worth knowing when a test run shares the server.
      return `${rows[0]!.v}, ${rows[0]!.used} of max_connections ${rows[0]!.max} in use before the bench`;
    });
    return { version };
  } catch (error) {
    return { why: (error as Error).message || String(error) };
  }
}

/** bench/http/ordo-server.js; when it dies silently (Nest's logger is off), once more with logs on to say why. */
async function startOrdo(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  try {
    return await startServer('ordo-server.js', ADAPTER, { dataDir, env, timeoutMs: START_TIMEOUT_MS });
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes('\n')) throw error;
    const why = await startServer('ordo-server.js', ADAPTER, { dataDir, env: { ...env, BENCH_DEBUG: '1' }, timeoutMs: START_TIMEOUT_MS }).then(
      (s) => (void s.stop(), 'started with logs on'),
      (e: Error) => e.message,
    );
    throw new Error(`${message}\n   with BENCH_DEBUG=1: ${why}`);
  }
}

/** `node dist/apps/projector/src/main.js` with the deployment's environment; ready once it prints `projector started`. */
async function startProjector(dataDir: string, env: NodeJS.ProcessEnv): Promise<Projector> {
  const file = fileURLToPath(new URL('../../apps/projector/src/main.js', import.meta.url));
  // LOG_LEVEL=warn: its info lines are not what is measured; warnings and errors are kept for the report.
  const child = spawn(process.execPath, [file], { env: { ...childEnv(ADAPTER, dataDir), ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  projectorChildren.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (projectorChildren.delete(child), resolve())));
  const complaints: string[] = [];
  let pending = '';
  const keep = (d: Buffer) => {
    const lines = (pending + d.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line && line !== 'projector started' && (!line.startsWith('{') || /"level":(4|5|6)0/.test(line))) complaints.push(line.slice(0, 500));
    complaints.splice(0, Math.max(0, complaints.length - 50));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    child.kill('SIGTERM');
    if (await gone(5_000)) return;
    child.kill('SIGKILL');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no "projector started" within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').includes('projector started')) (clearTimeout(timer), resolve());
      });
      child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`exited (${code ?? signal}) before "projector started"`))));
    });
  } catch (error) {
    await stop();
    throw new Error(`projector: ${(error as Error).message}${complaints.length ? `\n${complaints.slice(-8).join('\n')}` : ''}`);
  }
  return { cpuMs: () => cpuMsOf(child.pid), complaints, stop };
}

async function startHello(): Promise<Deployment> {
  const hello = await startServer('hello-server.js', ADAPTER);
  const d: Deployment = { name: 'hello', api: [hello], stop: () => hello.stop() };
  deployments.push(d);
  return d;
}

async function startSqlite(): Promise<Deployment> {
  const ordo = await startOrdo(freshDir());
  const d: Deployment = { name: 'sqlite', api: [ordo], key: ordo.extra[0], stop: () => ordo.stop() };
  deployments.push(d);
  return d;
}

/** One projector and `apiProcesses` API processes on the database `url` names, sharing a data dir and a secrets key. */
async function startPostgres(apiProcesses: 1 | 2, url: string): Promise<Deployment> {
  const dataDir = freshDir();
  const env: NodeJS.ProcessEnv = {
    ORDO_EVENTS: 'postgres',
    ORDO_READ_MODELS: 'postgres',
    ORDO_POSTGRES_URL: url,
    ORDO_SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  const d: Deployment = {
    name: apiProcesses === 1 ? 'pg ×1' : 'pg ×2',
    api: [],
    async stop() {
      // API processes first (they wait on the projector for read-your-writes), then the projector.
      await Promise.all(d.api.map((s) => s.stop()));
      await d.projector?.stop();
    },
  };
  deployments.push(d);
  // The projector first: it creates the read models, and an API process's writes (the bench
  // merchant's, at start-up) wait for it. The first API process makes the bench merchant; its key
  // works on every process of the deployment (one database): the second one's merchant goes unused.
  d.projector = await startProjector(dataDir, env);
  const first = await startOrdo(dataDir, { ...env, ORDO_WORKERS: 'on' });
  d.api.push(first);
  d.key = first.extra[0];
  for (let i = 1; i < apiProcesses; i++) d.api.push(await startOrdo(dataDir, { ...env, ORDO_WORKERS: 'off' }));
  return d;
}

// ---- measuring -----------------------------------------------------------------------------------

interface Cell {
  deployment: Deployment;
  target: Target;
  label: string;
}

interface Measured extends Round {
  label: string;
  /** Projector CPU per response, in µs. */
  projectorCpuUs?: number;
}

const cellOf = (deployment: Deployment, target: Target): Cell => ({ deployment, target, label: target === 'hello' ? 'hello' : `${deployment.name} ${target}` });

/** Sums of two status summaries such as `201:812 500:3`. */
function mergeStatuses(parts: string[]): string {
  const counts = new Map<string, number>();
  for (const part of parts) for (const pair of part.split(' ').filter(Boolean)) {
    const [code, n] = pair.split(':');
    counts.set(code!, (counts.get(code!) ?? 0) + Number(n));
  }
  return [...counts].map(([code, n]) => `${code}:${n}`).join(' ');
}

/** One round on every API process of the deployment at once, 50 connections split evenly among them. */
async function measure(cell: Cell, seconds: number): Promise<Measured> {
  const { api, key, projector } = cell.deployment;
  const share = (i: number) => Math.floor(CONNECTIONS / api.length) + (i < CONNECTIONS % api.length ? 1 : 0);
  const before = api.map((s) => s.cpuMs());
  const projectorBefore = projector?.cpuMs();
  const parts = await Promise.all(api.map((s, i) => round(s.url, cell.target, seconds, key, share(i))));
  const after = api.map((s) => s.cpuMs());
  const projectorAfter = projector?.cpuMs();
  const total = parts.reduce((n, r) => n + r.total, 0);
  const cpuKnown = before.every((b, i) => b !== undefined && after[i] !== undefined) && total > 0;
  const apiCpuMs = api.reduce((ms, _, i) => ms + (after[i]! - before[i]!), 0);
  return {
    label: cell.label,
    target: cell.target,
    rps: parts.reduce((n, r) => n + r.rps, 0),
    p50: Math.max(...parts.map((r) => r.p50)),
    p99: Math.max(...parts.map((r) => r.p99)),
    total,
    non2xx: parts.reduce((n, r) => n + r.non2xx, 0),
    errors: parts.reduce((n, r) => n + r.errors, 0),
    statuses: mergeStatuses(parts.map((r) => r.statuses)),
    ...(cpuKnown ? { cpuUs: (apiCpuMs * 1000) / total } : {}),
    ...(projectorBefore !== undefined && projectorAfter !== undefined && total > 0 ? { projectorCpuUs: ((projectorAfter - projectorBefore) * 1000) / total } : {}),
  };
}

function checkClean(r: Measured): void {
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`FAIL ${ADAPTER} ${r.label}: ${r.non2xx} non-2xx and ${r.errors} errors/timeouts in ${r.total} responses (${r.statuses})`);
  }
}

function report(cells: Cell[], rounds: Measured[]): void {
  const of = (label: string) => rounds.filter((r) => r.label === label);
  const rps = (label: string) => median(of(label).map((r) => r.rps));
  const p99 = (label: string) => median(of(label).map((r) => r.p99));
  const cpu = (label: string, pick: (r: Measured) => number | undefined) => {
    const xs = of(label).map(pick);
    return xs.every((x) => x !== undefined) ? fmt(median(xs as number[])) : '–';
  };
  const sqliteOf = (c: Cell) => `sqlite ${c.target}`;
  console.log(`\n| ${ADAPTER} | median req/s | median p99 (ms) | req/s per round | API CPU µs/req | projector CPU µs/req | req/s vs sqlite | p99 vs sqlite | req/s vs hello | non-2xx |`);
  console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  const order = [...cells].sort((a, b) => (a.target === 'hello' ? -1 : b.target === 'hello' ? 1 : a.target.localeCompare(b.target) || cells.indexOf(a) - cells.indexOf(b)));
  for (const c of order) {
    const vsSqlite = c.deployment.name.startsWith('pg');
    const non2xx = of(c.label).reduce((n, r) => n + r.non2xx, 0);
    console.log(
      `| ${c.label} | ${fmt(rps(c.label))} | ${p99(c.label)} | ${of(c.label).map((r) => fmt(r.rps)).join(' / ')} | ${cpu(c.label, (r) => r.cpuUs)} | ${cpu(c.label, (r) => r.projectorCpuUs)} | ` +
        `${vsSqlite ? ratio(rps(c.label) / rps(sqliteOf(c))) : ''} | ${vsSqlite ? ratio(p99(c.label) / p99(sqliteOf(c))) : ''} | ${c.target === 'hello' ? '' : `${((rps(c.label) / rps('hello')) * 100).toFixed(1)}%`} | ${non2xx} |`,
    );
  }
  console.log('');
  for (const c of order.filter((c) => c.target !== 'hello')) {
    const vsSqlite = c.deployment.name.startsWith('pg') ? `; ${ratio(rps(c.label) / rps(sqliteOf(c)))} sqlite's req/s, p99 ${ratio(p99(c.label) / p99(sqliteOf(c)))} sqlite's` : '';
    console.log(`${ADAPTER}: ${c.label.padEnd(10)} = ${((rps(c.label) / rps('hello')) * 100).toFixed(1)}% of hello${vsSqlite}`);
  }
}

// ---- the run -------------------------------------------------------------------------------------

console.log(`Scale-out: POST /v1/orders and create + confirm on SQLite vs PostgreSQL (1 and 2 API processes) — node ${process.version}, ${cpus().length} cpus, load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${ROUNDS} rounds × ${SECONDS} s per target, ${CONNECTIONS} connections in all (pg ×2: split across its 2 API processes), pipelining 1, warm-up ${WARMUP_SECONDS} s, ${ADAPTER}`);
const started = Date.now();
let failed = false;
let skipped: string | undefined;
try {
  const postgres = await postgresVersion();
  skipped = postgres.why;
  console.log(skipped ? `PostgreSQL ${shown(POSTGRES_URL)}: not answering (${skipped})` : `PostgreSQL ${postgres.version} at ${shown(POSTGRES_URL)}`);
  // Both databases up front: a role that may not create one is found out before anything runs.
  const urls = skipped ? [] : await Promise.all([freshDatabase(), freshDatabase()]).catch((e: Error) => ((skipped = `could not create a database: ${e.message}`), []));

  const hello = await startHello();
  const sqlite = await startSqlite();
  const cells: Cell[] = [cellOf(hello, 'hello'), cellOf(sqlite, 'ordo'), cellOf(sqlite, 'pay')];
  if (!skipped) {
    for (const d of [await startPostgres(1, urls[0]!), await startPostgres(2, urls[1]!)]) cells.push(cellOf(d, 'ordo'), cellOf(d, 'pay'));
  }
  for (const d of deployments) {
    console.log(`  ${d.name.padEnd(6)} ${d.api.map((s) => s.url).join(' + ')}${d.projector ? ' + projector' : ''}`);
  }
  // Every API process answers: the key made on the first works on the second too.
  for (const c of cells) {
    for (const s of c.deployment.api) await smoke(s.url, c.target, c.deployment.key).catch((e: Error) => Promise.reject(new Error(`smoke ${c.label} on ${s.url}: ${e.message}`)));
  }

  for (const c of cells) checkClean(await measure(c, WARMUP_SECONDS));
  const rounds: Measured[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    for (const c of cells) {
      const r = await measure(c, SECONDS);
      const cpu = r.cpuUs === undefined ? '' : `  API CPU ${fmt(r.cpuUs)} µs/req`;
      const projector = r.projectorCpuUs === undefined ? '' : `  projector ${fmt(r.projectorCpuUs)} µs/req`;
      console.log(`  round ${i} ${r.label.padEnd(10)} ${fmt(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${cpu}${projector}  (${r.statuses})`);
      checkClean(r);
      rounds.push(r);
    }
  }
  const complaints = deployments.flatMap((d) => (d.projector?.complaints ?? []).map((line) => `  ${d.name} projector: ${line}`));
  await Promise.all(deployments.splice(0).map((d) => d.stop()));
  report(cells, rounds);
  if (complaints.length > 0) console.log(`\nthe projectors logged ${complaints.length} warning/error line(s), the last ones:\n${complaints.slice(-10).join('\n')}`);
  if (skipped) console.log(`\nPostgreSQL: SKIPPED — ${shown(POSTGRES_URL)}: ${skipped} (set BENCH_POSTGRES_URL to a server, and a role that may CREATE DATABASE)`);
} catch (error) {
  failed = true;
  // Interrupted: the servers were killed under the load generator; what it says is no finding.
  if (interrupted) await new Promise(() => undefined);
  console.error(`\n${(error as Error).message}`);
  const complaints = deployments.flatMap((d) => (d.projector?.complaints ?? []).map((line) => `  ${d.name} projector: ${line}`));
  if (complaints.length > 0) console.error(complaints.slice(-10).join('\n'));
} finally {
  await cleanup();
}
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
