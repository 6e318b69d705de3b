/**
 * Benchmark: webhook delivery throughput to a local receiver vs a raw baseline in the same run.
 *
 * Ordo: the real app in this process (SQLite, synchronous=FULL) with 4 endpoints subscribed to
 * order.created. Each round writes N orders while the receiver is down (their first attempts fail
 * at once and wait for their retry), starts the receiver, moves the clock past the retry and times
 * `deliverDue()`: 4·N deliveries selected, signed (secret opened from AES-GCM), POSTed and each
 * outcome written in its own transaction (attempt, delivery, endpoint health).
 * Raw: the same 4·N event bodies signed with HMAC-SHA256 and POSTed by a bare loop on keep-alive
 * sockets at the same concurrency (16), to the same receiver (a separate process).
 * Usage: npm run build && node dist/bench/webhooks/delivery-throughput.js [--orders=1000] [--rounds=3]
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { loadConfig } from '../../apps/api/src/config/ordo-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { MerchantsService } from '../../apps/api/src/merchants/merchants.service.js';
import { Clock } from '../../apps/api/src/platform/clock.js';
import { SQLITE } from '../../apps/api/src/persistence/tokens.js';
import type { SqlitePersistence } from '../../apps/api/src/persistence/sqlite-persistence.js';
import { WebhookDispatcher } from '../../apps/api/src/webhooks/delivery/webhook-dispatcher.js';
import { flag, median, scratchDir, table, timed } from '../event-store/bench-support.js';
import { startReceiver } from './receiver-process.js';

const ORDERS = flag('orders', 1000);
const ROUNDS = flag('rounds', 3);
const ENDPOINTS = 4;
const CONCURRENCY = 16;

class BenchClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const scratch = scratchDir('ordo-bench-webhooks-');
const clock = new BenchClock();
const config = loadConfig(
  { ORDO_DATA_DIR: scratch.file('data'), LOG_LEVEL: 'silent' },
  { apiReference: false, rateLimitWritesPerSecond: 0, rateLimitReadsPerSecond: 0, webhookPollMs: 0, webhookConcurrency: CONCURRENCY, webhookConcurrencyPerEndpoint: CONCURRENCY / ENDPOINTS },
);
const app = await createApp({ config, silent: true, clock });
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
const merchants = app.get(MerchantsService);
const { merchantId } = await merchants.createMerchant('Bench');
const { key } = await merchants.createApiKey(merchantId, 'test');
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const sqlite = app.get<SqlitePersistence>(SQLITE);
const dispatcher = app.get(WebhookDispatcher);

const port = await freePort();
const secrets: string[] = [];
for (let i = 0; i < ENDPOINTS; i++) {
  const res = await fetch(`${base}/v1/webhook-endpoints`, { method: 'POST', headers, body: JSON.stringify({ url: `http://127.0.0.1:${port}/hooks`, enabled_events: ['order.created'] }) });
  secrets.push(((await res.json()) as { data: { secret: string } }).data.secret);
}

async function writeOrders(n: number): Promise<void> {
  let left = n;
  const body = JSON.stringify({ currency: 'USD', line_items: [{ name: 'Cup', quantity: 1, unit_price_money: { amount: 900, currency: 'USD' } }] });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) {
        const res = await fetch(`${base}/v1/orders`, { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error(`order: ${res.status}`);
      }
    }),
  );
}

/** The raw sender: sign and POST every body, CONCURRENCY at a time, keep-alive. */
async function rawSend(url: string, bodies: { id: string; body: string }[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const target = new URL(url);
  let next = 0;
  const one = ({ id, body }: { id: string; body: string }, secret: string) =>
    new Promise<void>((resolve, reject) => {
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${id}.${ts}.${body}`).digest('base64')}`;
      const req = http.request(target, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => (res.statusCode! < 300 ? resolve() : reject(new Error(`raw: ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const i = next++;
        await one(bodies[i]!, secrets[i % ENDPOINTS]!);
      }
    }),
  );
  agent.destroy();
}

console.log(`Webhook delivery throughput — node ${process.version}, ${cpus().length} cpus, load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${ROUNDS} rounds × ${ORDERS} orders × ${ENDPOINTS} endpoints = ${ORDERS * ENDPOINTS} deliveries per round, concurrency ${CONCURRENCY}`);
const rows: (string | number)[][] = [];
const ordoRates: number[] = [];
const rawRates: number[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    await writeOrders(ORDERS);
    await dispatcher.deliverDue(); // the first attempts: refused, nothing listens yet
    const pending = (sqlite.db.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'").get() as { n: number }).n;
    if (pending !== ORDERS * ENDPOINTS) throw new Error(`expected ${ORDERS * ENDPOINTS} pending deliveries, found ${pending}`);
    const receiver = await startReceiver(port);
    clock.offsetMs += 3_600_000;
    const ordoSeconds = await timed(() => dispatcher.deliverDue());
    const received = await receiver.count();
    const left = (sqlite.db.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status != 'succeeded'").get() as { n: number }).n;
    if (received !== pending || left !== 0) throw new Error(`receiver got ${received} of ${pending}; ${left} not succeeded`);
    const bodies = sqlite.db.prepare('SELECT id, body FROM public_events ORDER BY seq DESC LIMIT ?').all(ORDERS) as { id: string; body: string }[];
    const all = bodies.flatMap((b) => Array.from({ length: ENDPOINTS }, () => b));
    const rawSeconds = await timed(() => rawSend(receiver.url, all));
    if ((await receiver.count()) !== received + all.length) throw new Error('raw sends went missing');
    receiver.stop();
    const ordo = pending / ordoSeconds;
    const raw = all.length / rawSeconds;
    ordoRates.push(ordo);
    rawRates.push(raw);
    rows.push([`round ${round}`, Math.round(ordo), Math.round(raw), `${((ordo / raw) * 100).toFixed(1)}%`]);
  }
  console.log(table(['', 'ordo deliveries/s', 'raw signed POSTs/s', 'ordo/raw'], rows));
  console.log(`\nmedian: ordo ${Math.round(median(ordoRates))} deliveries/s, raw ${Math.round(median(rawRates))} POSTs/s → ordo/raw = ${((median(ordoRates) / median(rawRates)) * 100).toFixed(1)}%`);
} finally {
  await app.close();
  scratch.cleanup();
}
process.exit(0);
