import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, kill, killAll, root, runBuiltCli, startBuiltServer } from './support/built-server.js';

/**
 * Durability with the SQLite writer in its own thread (the built server's default): clients
 * create orders with idempotency keys while the process is SIGKILLed at random moments, i.e.
 * while the thread is inside its transactions. Every order the API acknowledged is there after
 * the restart, unchanged; a key whose answer was lost, sent again, gets one order (its own, if
 * the write had committed); and the read models agree with the log (reconcile: 0 differences).
 */
const KILLS = 5;
const CLIENTS = 12;

const env = (dir: string, port: number) => ({
  ORDO_DATA_DIR: dir,
  PORT: String(port),
  LOG_LEVEL: 'silent',
  ORDO_API_REFERENCE: 'off',
  ORDO_RATE_LIMIT_WRITES: '0',
  ORDO_RATE_LIMIT_READS: '0',
  ORDO_SQLITE_WRITER_THREAD: 'on',
});

interface Sent {
  key: string;
  quantity: number;
  orderId?: string;
}

describe('Writer thread crash safety (SIGKILL, real server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-writer-crash-'));
  const port = 45000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(() => buildOnce(), 200_000);
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${KILLS} kills during writes: every acknowledged order present, lost answers retried once`, async () => {
    expect(existsSync(join(root, 'dist/apps/api/src/persistence/sqlite-thread/writer-thread.js'))).toBe(true);
    let server = await startBuiltServer(env(dir, port), true);
    const key = /ordo_test_[A-Za-z0-9]+/.exec(server.output())![0];
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    const body = (quantity: number) => JSON.stringify({ currency: 'USD', line_items: [{ name: 'Crash tee', quantity, unit_price_money: { amount: 1234, currency: 'USD' } }] });
    const post = async (sent: Sent) => {
      const res = await fetch(`${base}/v1/orders`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': sent.key }, body: body(sent.quantity), signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      if (res?.status !== 201) return undefined;
      return ((await res.json()) as { data: { id: string } }).data.id;
    };
    const all: Sent[] = [];
    let n = 0;
    for (let round = 0; round < KILLS; round++) {
      let stop = false;
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stop) {
          const sent: Sent = { key: `crash-${round}-${n}`, quantity: 1 + (n++ % 9) };
          all.push(sent);
          sent.orderId = await post(sent);
          if (!sent.orderId) break; // the process is gone
        }
      });
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
      stop = true;
      await kill(server.child);
      await Promise.all(clients);
      server = await startBuiltServer(env(dir, port));
    }
    const acked = all.filter((s) => s.orderId);
    const lost = all.filter((s) => !s.orderId);
    expect(acked.length).toBeGreaterThan(KILLS * CLIENTS);
    expect(lost.length).toBeGreaterThan(0);

    for (const sent of acked) {
      const res = await fetch(`${base}/v1/orders/${sent.orderId}`, { headers });
      expect(res.status).toBe(200);
      const order = ((await res.json()) as { data: { amounts: { total_money: { amount: number } } } }).data;
      expect(order.amounts.total_money.amount).toBe(1234 * sent.quantity);
    }
    // A retried key answers its committed order, or makes it now; either way the same key again answers the same id.
    for (const sent of lost) {
      const first = await post(sent);
      expect(first).toMatch(/^ord_/);
      expect(await post(sent)).toBe(first);
    }
    await kill(server.child);
    const report = runBuiltCli({ ORDO_DATA_DIR: dir, LOG_LEVEL: 'silent' }, 'reconcile', '--format=json');
    expect(JSON.parse(report)).toMatchObject({ differences: [] });
  }, 240_000);
});
