/**
 * Replay of ≥ 1,000,000 events (issue 12): rebuilds every read model into fresh tables and swaps
 * them in, compared with a raw scan of the same events (SELECT + JSON.parse of every row, no
 * projection) measured in the same run. Reports peak RSS sampled during the replay and its trend,
 * and checks the rebuilt tables equal the incrementally built ones (an order-independent digest of
 * every row of every table).
 *
 * The log is a real one, cloned: the running service records one order's whole life over HTTP
 * (created, card authorized, captured in part, refunded in part, cash recorded, closed), and that
 * stream is appended again with fresh ids until the log holds --events events.
 * Usage: npm run build && node dist/bench/replay/replay-million.js [--events=1000000]
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createSqliteEventStore, type NewEvent } from '#ordo/event-store';
import { ProjectionRunner } from '../../apps/api/src/application/projections/projection-runner.js';
import { createProjections } from '../../apps/api/src/application/projections/projection-set.js';
import { replaySqlite } from '../../apps/api/src/application/projections/sqlite-replay.js';
import { loadConfig } from '../../apps/api/src/config/ordo-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { MerchantsService } from '../../apps/api/src/merchants/merchants.service.js';
import type { SqlitePersistence } from '../../apps/api/src/persistence/sqlite-persistence.js';
import { SQLITE } from '../../apps/api/src/persistence/tokens.js';
import { ServerSecrets } from '../../apps/api/src/platform/server-secrets.js';
import { flag, scratchDir, timed } from '../event-store/bench-support.js';

const TARGET = flag('events', 1_000_000);
const dir = scratchDir('ordo-replay-');
const config = loadConfig({ ORDO_DATA_DIR: dir.file(''), LOG_LEVEL: 'silent' }, { projectionPollMs: 0, webhookPollMs: 0, rateLimitWritesPerSecond: 0, rateLimitReadsPerSecond: 0, apiReference: false });
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** One order's life through the real service; answers its stream's events. */
async function recordTemplate(): Promise<NewEvent[]> {
  const app = await createApp({ config, silent: true });
  await app.listen(0, '127.0.0.1');
  const merchants = app.get(MerchantsService);
  const { merchantId } = await merchants.createMerchant('Bench');
  const { key } = await merchants.createApiKey(merchantId, 'test');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const post = async (path: string, body: object) => {
    const res = await fetch(base + path, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { data: { id: string } }).data;
  };
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  const order = await post('/v1/orders', { currency: 'USD', line_items: [{ name: 'Beans', quantity: 2, unit_price_money: usd(2_450) }, { name: 'Grinder', quantity: 1, unit_price_money: usd(12_900) }] });
  const pi = await post('/v1/payment-intents', { order_id: order.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true });
  await post(`/v1/payment-intents/${pi.id}/capture`, { amount_money: usd(15_000) });
  await post('/v1/refunds', { payment_intent_id: pi.id, amount_money: usd(2_000) });
  await post(`/v1/orders/${order.id}/manual-payments`, { amount_money: usd(1_000), method: 'cash', received_at: '2026-02-11' });
  await post(`/v1/orders/${order.id}/close`, {});
  const sqlite = app.get<SqlitePersistence>(SQLITE);
  const events = sqlite.store.readStreamNow(`order-${order.id}`);
  await app.close();
  return events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
}

/** The template with every id of its order (not the merchant's) made unique to copy `n`. */
function cloner(template: NewEvent[]): (n: number) => { stream: string; events: NewEvent[] } {
  const json = JSON.stringify(template);
  const ids = [...new Set(json.match(/\b(?!mer_|key_)[a-z]{2,4}_[A-Za-z0-9]{12,}\b/g) ?? [])];
  const orderId = (template[0]!.data as { order_id: string }).order_id;
  return (n) => {
    const suffix = n.toString(36).padStart(6, '0');
    let text = json;
    for (const id of ids) text = text.split(id).join(id.slice(0, -6) + suffix);
    return { stream: `order-${orderId.slice(0, -6)}${suffix}`, events: JSON.parse(text) as NewEvent[] };
  };
}

/** Order-independent digest of a table: the sum of every row's hash, so equal tables digest equal. */
function digest(db: Database.Database, table: string): string {
  let sum = 0n;
  let rows = 0;
  for (const row of db.prepare(`SELECT * FROM ${table}`).iterate()) {
    sum = (sum + BigInt('0x' + createHash('sha1').update(JSON.stringify(row)).digest('hex').slice(0, 15))) & 0xffffffffffffffffn;
    rows++;
  }
  return `${rows}:${sum.toString(16)}`;
}

const template = await recordTemplate();
const clone = cloner(template);
process.stdout.write(`template: one order's life = ${template.length} events; cloning to ${TARGET.toLocaleString('en-US')} events\n`);

// The clones go straight to the log (no fsync: this is set-up, not what is measured).
const generate = createSqliteEventStore({ path: config.databaseFile, synchronous: 'OFF' });
const generateSeconds = await timed(async () => {
  let n = 1;
  while ((await generate.store.headPosition()) < BigInt(TARGET)) {
    await Promise.all(
      Array.from({ length: 500 }, () => {
        const { stream, events } = clone(n++);
        return generate.store.append(stream, events, 'no_stream');
      }),
    );
  }
});
const total = Number(await generate.store.headPosition());
await generate.close();
process.stdout.write(`log: ${total.toLocaleString('en-US')} events written in ${generateSeconds.toFixed(1)} s\n`);

// Raw baseline: read and parse every event, nothing else.
const raw = new Database(config.databaseFile, { readonly: true });
let parsed = 0;
const rawSeconds = await timed(() => {
  for (const row of raw.prepare('SELECT position, stream_name, type, data, metadata FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    parsed++;
  }
});
raw.close();

// Incremental build: the service's own projection runner catching up from 0 at start.
let app!: Awaited<ReturnType<typeof createApp>>;
const incrementalSeconds = await timed(async () => {
  app = await createApp({ config, silent: true });
  await app.get(ProjectionRunner).catchUp();
});
const sqlite = app.get<SqlitePersistence>(SQLITE);
const projections = createProjections({ publicUrl: config.publicUrl, idSecret: app.get(ServerSecrets).idSecret });
const tables = projections.flatMap((p) => p.tables);
const before = Object.fromEntries(tables.map((t) => [t, digest(sqlite.db, t)]));

// The replay, with RSS sampled while it runs.
const samples: { at: number; rss: number }[] = [];
const rssBefore = process.memoryUsage().rss;
let position = 0;
const sampler = setInterval(() => samples.push({ at: position / total, rss: process.memoryUsage().rss }), 100);
let report!: Awaited<ReturnType<typeof replaySqlite>>;
const replaySeconds = await timed(async () => {
  report = await replaySqlite(sqlite, config.databaseFile, projections, (p) => (position = Number(p)));
});
clearInterval(sampler);
const after = Object.fromEntries(tables.map((t) => [t, digest(sqlite.db, t)]));
await app.close();
dir.cleanup();

const differing = tables.filter((t) => before[t] !== after[t]);
const peak = Math.max(...samples.map((s) => s.rss));
const quarter = (q: number) => Math.max(...samples.filter((s) => s.at >= q / 4 && s.at < (q + 1) / 4).map((s) => s.rss));
const rate = (events: number, seconds: number) => Math.round(events / seconds).toLocaleString('en-US');

process.stdout.write(
  [
    '',
    `| measure | value |`,
    `|---|---|`,
    `| events replayed | ${report.events.toLocaleString('en-US')} |`,
    `| raw scan (SELECT + JSON.parse, no projection) | ${rawSeconds.toFixed(1)} s = ${rate(parsed, rawSeconds)} events/s |`,
    `| replay into fresh tables (apply / swap) | ${replaySeconds.toFixed(1)} s = ${rate(report.events, replaySeconds)} events/s (${(report.applyMs / 1000).toFixed(1)} s / ${(report.swapMs / 1000).toFixed(1)} s) |`,
    `| **replay speed as a ratio to the raw scan** | **${((rawSeconds / replaySeconds) * 100).toFixed(1)} %** |`,
    `| incremental build at start (the runner, same events) | ${incrementalSeconds.toFixed(1)} s = ${rate(total, incrementalSeconds)} events/s |`,
    `| RSS before / peak during replay | ${mb(rssBefore)} MB / ${mb(peak)} MB |`,
    `| peak RSS per quarter of the replay | ${[0, 1, 2, 3].map((q) => `${mb(quarter(q))} MB`).join(' / ')} |`,
    `| rebuilt tables equal the incremental ones | ${differing.length === 0 ? `yes (${tables.length} tables, digests equal)` : `NO: ${differing.join(', ')}`} |`,
    '',
  ].join('\n'),
);
process.exit(differing.length === 0 ? 0 : 1);
