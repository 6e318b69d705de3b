import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { buildOnce, kill, killAll, runBuiltCli, startBuiltProcess, startBuiltProjector, type BuiltServer } from './support/built-server.js';
import { postgresEnv } from './support/postgres-app.js';

/**
 * The scale-out topology as separate processes on one PostgreSQL: two API processes (workers
 * off), a worker process (the same server with the workers' lock) and the projector. A mixed load
 * — orders, card payments captured in part, refunds, manual payments and reversals — runs from
 * eight clients; mid-run one API process and the projector are SIGKILLed, then restarted. Clients
 * retry what got no answer with the same Idempotency-Key (on the other process, as a load balancer
 * would). Afterwards every acknowledged write is there exactly once, with its amounts, and
 * reconciliation reports zero differences.
 */
describeWithPostgres('scale-out on PostgreSQL: 2 API processes + projector + worker, SIGKILL mid-run', () => {
  const CLIENTS = 8;
  const UNITS_PER_CLIENT = 8;
  let schema: TestSchema;
  let dir: string;
  let env: Record<string, string>;
  let pool: pg.Pool;
  let key: string;
  const ports = { a: 0, b: 0, worker: 0 };
  const procs: { a?: BuiltServer; b?: BuiltServer; worker?: BuiltServer; projector?: BuiltServer } = {};
  const alive = { a: false, b: false };

  const port = () => 20_000 + Math.floor(Math.random() * 20_000);
  const api = async (name: 'a' | 'b' | 'worker', workers: boolean) => {
    const server = await startBuiltProcess('dist/apps/api/src/main.js', { ...env, PORT: String(ports[name]), ORDO_WORKERS: workers ? 'on' : 'off' }, (out) => out.includes('Ordo is listening'));
    procs[name] = server;
    if (name !== 'worker') alive[name] = true;
    return server;
  };

  beforeAll(async () => {
    await buildOnce();
    schema = await freshPostgresSchema('scaleout');
    dir = mkdtempSync(join(tmpdir(), 'ordo-scaleout-'));
    pool = new pg.Pool({ connectionString: schema.url });
    env = {
      ...postgresEnv(schema, dir),
      LOG_LEVEL: 'error',
      // Several processes share one secrets key, given to all of them (not a file each might race to make).
      ORDO_SECRETS_KEY: randomBytes(32).toString('base64'),
      ORDO_IDEMPOTENCY_LEASE_MS: '1500',
      ORDO_PROJECTION_WAIT_MS: '3000',
      ORDO_PROJECTOR_IDLE_MS: '50',
      ORDO_RATE_LIMIT_WRITES: '0',
      ORDO_RATE_LIMIT_READS: '0',
      ORDO_API_REFERENCE: 'off',
    };
    ports.a = port();
    ports.b = ports.a + 1;
    ports.worker = ports.a + 2;
    procs.projector = await startBuiltProjector(env);
    // The worker holds the workers' lock, so it is the one that makes the first merchant.
    const worker = await api('worker', true);
    key = /ordo_test_[A-Za-z0-9]+/.exec(worker.output())![0];
    await Promise.all([api('a', false), api('b', false)]);
  }, 180_000);

  afterAll(async () => {
    await killAll();
    await pool?.end();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Acked {
    orderId: string;
    total: number;
    intentId: string;
    captured: number;
    refunded: number;
    cashOrderId: string;
    cash: number;
    reversedOrderId: string;
  }
  const acked: Acked[] = [];
  const stats = { requests: 0, connectionErrors: 0, retried: 0, inUse: 0 };
  let turn = 0;

  /** Sends one write until it is answered, retrying with the same key on whichever API process is up. */
  async function write(path: string, body: object, idempotencyKey: string): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 400; attempt++) {
      const up = (['a', 'b'] as const).filter((p) => alive[p]);
      const target = up[turn++ % up.length]!;
      stats.requests++;
      try {
        const res = await fetch(`http://127.0.0.1:${ports[target]}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const json = (await res.json()) as { data?: Record<string, unknown>; error?: { code: string } };
        if (res.status < 300) return json.data!;
        // A claim held by a process that was killed: free once its lease runs out.
        if (res.status === 409 && json.error?.code === 'IDEMPOTENCY_KEY_IN_USE') stats.inUse++;
        else if (res.status < 500 && res.status !== 409) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      } catch (error) {
        if ((error as Error).message.startsWith(path)) throw error;
        stats.connectionErrors++;
      }
      stats.retried++;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${path} never answered`);
  }

  async function unit(client: number, n: number): Promise<void> {
    const k = (step: string) => `c${client}-u${n}-${step}`;
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    const total = 5_000 + client * 100 + n;
    const order = await write('/v1/orders', { currency: 'USD', line_items: [{ name: 'Item', quantity: 1, unit_price_money: usd(total) }] }, k('order'));
    const intent = await write('/v1/payment-intents', { order_id: order.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }, k('pi'));
    const captured = total - 1_000;
    await write(`/v1/payment-intents/${String(intent.id)}/capture`, { amount_money: usd(captured) }, k('capture'));
    const refunded = 300 + n;
    await write('/v1/refunds', { payment_intent_id: intent.id, amount_money: usd(refunded) }, k('refund'));
    const cash = 2_000 + n;
    const cashOrder = await write('/v1/orders', { currency: 'USD', line_items: [{ name: 'Cash', quantity: 1, unit_price_money: usd(cash) }] }, k('cash-order'));
    await write(`/v1/orders/${String(cashOrder.id)}/manual-payments`, { amount_money: usd(cash), method: 'cash', received_at: '2026-12-01' }, k('cash'));
    const bounced = await write('/v1/orders', { currency: 'USD', line_items: [{ name: 'Check', quantity: 1, unit_price_money: usd(1_500) }] }, k('check-order'));
    const check = await write(`/v1/orders/${String(bounced.id)}/manual-payments`, { amount_money: usd(1_500), method: 'check', received_at: '2026-12-01' }, k('check'));
    await write(`/v1/orders/${String(bounced.id)}/manual-payments/${String(check.id)}/reverse`, { reason: 'check bounced' }, k('reverse'));
    acked.push({ orderId: String(order.id), total, intentId: String(intent.id), captured, refunded, cashOrderId: String(cashOrder.id), cash, reversedOrderId: String(bounced.id) });
  }

  it('loses no acknowledged write and reconciles to zero after SIGKILLing an API process and the projector mid-run', async () => {
    let killedAt = -1;
    const killMidRun = (async () => {
      while (acked.length < (CLIENTS * UNITS_PER_CLIENT) / 3) await new Promise((r) => setTimeout(r, 20));
      killedAt = acked.length;
      alive.a = false;
      await Promise.all([kill(procs.a!.child), kill(procs.projector!.child)]);
      await new Promise((r) => setTimeout(r, 500));
      procs.projector = await startBuiltProjector(env);
      await api('a', false);
    })();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; n < UNITS_PER_CLIENT; n++) await unit(c, n);
    }));
    await killMidRun;
    process.stderr.write(`scale-out: ${acked.length} units (${stats.requests} requests), killed after unit ${killedAt}: ${stats.connectionErrors} connection errors, ${stats.inUse} IDEMPOTENCY_KEY_IN_USE, ${stats.retried} retries\n`);
    // Killed mid-run: some requests were cut off and retried, and units were done after the restart.
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(CLIENTS * UNITS_PER_CLIENT);
    expect(stats.connectionErrors + stats.inUse).toBeGreaterThan(0);
    expect(acked).toHaveLength(CLIENTS * UNITS_PER_CLIENT);

    // The restarted projector catches up with the log.
    const position = async (sql: string) => Number((await pool.query<{ p: string | null }>(sql)).rows[0]?.p ?? 0);
    for (let i = 0; i < 600; i++) {
      if ((await position('SELECT MIN(position) AS p FROM projection_checkpoints')) === (await position('SELECT MAX(position) AS p FROM ordo_events'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // Every acknowledged write is there, with its amounts, read through either API process.
    const get = async (path: string, via: 'a' | 'b') => {
      const res = await fetch(`http://127.0.0.1:${ports[via]}${path}`, { headers: { Authorization: `Bearer ${key}` } });
      expect([path, res.status]).toEqual([path, 200]);
      return ((await res.json()) as { data: { amounts: Record<string, { amount: number }>; status: string } }).data;
    };
    for (const [i, w] of acked.entries()) {
      const via = i % 2 === 0 ? 'a' : 'b';
      const order = await get(`/v1/orders/${w.orderId}`, via);
      expect([w.orderId, order.amounts.paid_money!.amount, order.amounts.refunded_money!.amount]).toEqual([w.orderId, w.captured, w.refunded]);
      expect((await get(`/v1/orders/${w.cashOrderId}`, via)).amounts.paid_money!.amount).toBe(w.cash);
      expect((await get(`/v1/orders/${w.reversedOrderId}`, via)).amounts.paid_money!.amount).toBe(0);
    }
    // Exactly once: retries under the same key never made a second order, payment or refund.
    const count = async (table: string) => Number((await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n);
    expect(await count('orders')).toBe(3 * acked.length);
    expect(await count('payment_intents')).toBe(acked.length);
    expect(await count('refunds')).toBe(acked.length);

    // Reconciliation over the whole log: zero differences (the CLI exits 0).
    const report = JSON.parse(runBuiltCli(env, 'reconcile', '--format=json')) as { orders: number; differences: unknown[] };
    expect(report.orders).toBe(3 * acked.length);
    expect(report.differences).toEqual([]);
    const tb = (await (await fetch(`http://127.0.0.1:${ports.b}/v1/reports/trial-balance`, { headers: { Authorization: `Bearer ${key}` } })).json()) as {
      data: { currencies: { accounts: { balance_money: { amount: number } }[] }[] };
    };
    for (const c of tb.data.currencies) expect(c.accounts.reduce((s, a) => s + a.balance_money.amount, 0)).toBe(0);
  }, 300_000);
});
