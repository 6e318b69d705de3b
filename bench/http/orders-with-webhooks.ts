/**
 * Benchmark: the added cost of webhooks on POST /v1/orders. Two Ordo servers (own processes, own
 * data dirs, express): one with no endpoint, one with 3 endpoints subscribed to every event type,
 * all pointing at a local receiver (its own process, answers 204). Rounds alternate between the
 * two (50 connections, 10 s); after each round on the hooked server the runner waits until the
 * receiver has every order.created delivery (3 per order) before the next round starts, so one
 * server's delivery work never lands in the other's figures, and reports how long that drain took.
 * Usage: npm run build && node dist/bench/http/orders-with-webhooks.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../webhooks/receiver-process.js';
import { killAll, startServer } from './children.js';
import { round, smoke, type Round } from './load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ENDPOINTS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const dirs = [mkdtempSync(join(tmpdir(), 'ordo-bench-')), mkdtempSync(join(tmpdir(), 'ordo-bench-'))];
const receiver = await startReceiver();
try {
  console.log(`POST /v1/orders with ${ENDPOINTS} webhook endpoints vs none — node ${process.version}, ${cpus().length} cpus, load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${ROUNDS} rounds × ${SECONDS} s per server, 50 connections, pipelining 1; receiver ${receiver.url}`);
  const plain = await startServer('ordo-server.js', 'express', { dataDir: dirs[0] });
  const hooked = await startServer('ordo-server.js', 'express', { dataDir: dirs[1] });
  const keyOf = (s: typeof plain) => s.extra[0]!;
  for (let i = 0; i < ENDPOINTS; i++) {
    const res = await fetch(`${hooked.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyOf(hooked)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, enabled_events: ['*'] }),
    });
    if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
  }
  let hookedOrders = 0;
  /** Waits until the receiver has a delivery for every order made on the hooked server; seconds it took. */
  const drained = async () => {
    const started = Date.now();
    while ((await receiver.count()) < hookedOrders * ENDPOINTS) {
      if (Date.now() - started > 120_000) throw new Error(`deliveries did not drain: ${await receiver.count()} of ${hookedOrders * ENDPOINTS}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return (Date.now() - started) / 1000;
  };
  const check = (name: string, r: Round) => {
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.statuses})`);
  };
  await smoke(plain.url, 'ordo', keyOf(plain));
  await smoke(hooked.url, 'ordo', keyOf(hooked));
  hookedOrders += 1;
  check('plain warm-up', await round(plain.url, 'ordo', 3, keyOf(plain)));
  const warm = await round(hooked.url, 'ordo', 3, keyOf(hooked));
  check('hooked warm-up', warm);
  hookedOrders += warm.total;
  await drained();

  const rows: { plain: Round; hooked: Round; drain: number }[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const p = await round(plain.url, 'ordo', SECONDS, keyOf(plain));
    check('plain', p);
    const h = await round(hooked.url, 'ordo', SECONDS, keyOf(hooked));
    check('hooked', h);
    hookedOrders += h.total;
    const drain = await drained();
    rows.push({ plain: p, hooked: h, drain });
    console.log(`  round ${i}  no endpoints ${fmt(p.rps).padStart(6)} req/s p99 ${p.p99} ms | ${ENDPOINTS} endpoints ${fmt(h.rps).padStart(6)} req/s p99 ${h.p99} ms, then ${h.total * ENDPOINTS} deliveries drained in ${drain.toFixed(1)} s`);
  }
  await Promise.all([plain.stop(), hooked.stop()]);
  const p = median(rows.map((r) => r.plain.rps));
  const h = median(rows.map((r) => r.hooked.rps));
  console.log(`\n| POST /v1/orders | median req/s | median p99 (ms) |`);
  console.log('|---|---:|---:|');
  console.log(`| no endpoints | ${fmt(p)} | ${median(rows.map((r) => r.plain.p99))} |`);
  console.log(`| ${ENDPOINTS} endpoints (every event) | ${fmt(h)} | ${median(rows.map((r) => r.hooked.p99))} |`);
  console.log(`\nwith ${ENDPOINTS} endpoints / without = ${((h / p) * 100).toFixed(1)}%; deliveries: ${await receiver.count()} received (≥ the ${hookedOrders} orders the load generator counted × ${ENDPOINTS}; a round's last in-flight requests are made but not counted)`);
} finally {
  killAll();
  receiver.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
process.exit(0);
