/**
 * Where does a bench server spend its time? Runs one server (Ordo by default, or the hello
 * baseline) under `node --cpu-prof`, warms up 3 s, drives one 10 s round (50 connections), stops
 * it cleanly so the profile is written, and prints the top self-time frames, self time by
 * package, and the inclusive time of the app's own functions (dist/apps, dist/libs; synchronous
 * call trees only, so middleware that calls next() is left out).
 * Usage: npm run build && node dist/bench/http/profile-server.js [express|fastify] [ordo|ordo+idem|pay|hello]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startServer } from './children.js';
import { round, smoke, type Target } from './load.js';

interface ProfileNode {
  id: number;
  hitCount?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const adapter = process.argv.includes('fastify') ? 'fastify' : 'express';
const target = (['ordo+idem', 'hello', 'pay'].find((t) => process.argv.includes(t)) ?? 'ordo') as Target;
const dataDir = mkdtempSync(join(tmpdir(), 'ordo-bench-'));
const profDir = mkdtempSync(join(tmpdir(), 'ordo-prof-'));
process.once('SIGINT', () => (killAll(), process.exit(130)));

const script = target === 'hello' ? 'hello-server.js' : 'ordo-server.js';
const spawnedAt = Date.now();
const server = await startServer(script, adapter, { dataDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
let measuredFrom = 0;
let responses = 0;
try {
  await smoke(server.url, target, server.extra[0]);
  await round(server.url, target, 3, server.extra[0]);
  measuredFrom = Date.now() - spawnedAt;
  const r = await round(server.url, target, 10, server.extra[0]);
  responses = r.total;
  console.log(`${adapter} ${target} under --cpu-prof: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms (${r.statuses})`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profDir}`);
const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile;
// Only the measured round counts: start-up (module loading, DI) and warm-up samples are dropped.
const counts = new Map<number, number>();
let elapsedUs = 0;
let windowUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i];
  if (elapsedUs < measuredFrom * 1000) return;
  counts.set(id, (counts.get(id) ?? 0) + 1);
  windowUs += profile.timeDeltas[i];
});
for (const n of profile.nodes) n.hitCount = counts.get(n.id) ?? 0;
const hits = profile.samples.length && [...counts.values()].reduce((a, b) => a + b, 0);
const root = process.cwd();
const where = (url: string) => url.replace('file://', '').replace(`${root}/`, '').replace(/^.*node_modules\//, '');
const frame = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url ? `${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`;
const pkgOf = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return m ? m[1] : url.startsWith('node:') ? 'node internals' : url ? where(url).split('/').slice(0, 3).join('/') : '(native / vm / gc / idle)';
};
const add = (m: Map<string, number>, k: string, h: number) => m.set(k, (m.get(k) ?? 0) + h);
const bySelf = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const n of profile.nodes) {
  add(bySelf, frame(n), n.hitCount ?? 0);
  add(byPkg, pkgOf(n.callFrame.url), n.hitCount ?? 0);
}
// Inclusive: every sample counts once for each distinct app frame on its stack.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
const walk = (n: ProfileNode, onStack: Set<string>) => {
  let mine = onStack;
  const app = n.callFrame.url.includes('/dist/') && !n.callFrame.url.includes('node_modules');
  if (app && !onStack.has(frame(n))) mine = new Set(onStack).add(frame(n));
  for (const k of mine) add(inclusive, k, n.hitCount ?? 0);
  for (const c of n.children ?? []) walk(byId.get(c)!, mine);
};
walk(profile.nodes[0], new Set());

const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, h]) => `${((100 * h) / hits).toFixed(1).padStart(5)}%  ${k}`).join('\n');
const busy = hits - (bySelf.get('(idle)  ') ?? 0);
console.log(`\nprofile ${join(profDir, file)}: measured round only, ${(windowUs / 1e6).toFixed(1)} s, ${hits} samples, ${((100 * busy) / hits).toFixed(0)}% not idle`);
console.log(`1% of samples ≈ ${((windowUs / 100) / Math.max(responses, 1)).toFixed(1)} µs per response (${responses} responses)`);
console.log(`\ntop self-time frames:\n${top(bySelf, 25)}`);
console.log(`\nself time by package / app folder:\n${top(byPkg, 15)}`);
console.log(`\ninclusive time of app frames:\n${top(inclusive, 20)}`);
