import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SandboxProcessor } from '#ordo/processor';
import { buildOnce, kill, killAll, startBuiltServer } from './support/built-server.js';
import { leftInFlight } from './support/in-flight.js';

/**
 * Crash safety of renewals: the real server is SIGKILLed at random moments while a test clock
 * advances month by month over 15 monthly subscriptions; after each kill it restarts (its recovery
 * pass settles calls left in flight) and the same advance is sent again. At the end every
 * subscription has exactly one order per elapsed cycle and every order at most one charge at the
 * processor — exactly one here, since the card always succeeds.
 */
const SUBSCRIPTIONS = 15;
const MONTHS = 8;
const MIN_KILLS = 12;
const trace = process.env.ORDO_CRASH_TRACE ? (m: string) => process.stderr.write(`[renewal-crash] ${m}\n`) : () => undefined;

const startServer = (dir: string, port: number, firstStart = false) =>
  startBuiltServer(
    {
      ORDO_DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      ORDO_API_REFERENCE: 'off',
      ORDO_PAYMENT_RECOVERY_MS: '0',
      ORDO_PAYMENT_RECOVERY_GRACE_MS: '0',
      ORDO_SUBSCRIPTION_SCHEDULER_MS: '0',
      ORDO_RATE_LIMIT_WRITES: '0',
      ORDO_RATE_LIMIT_READS: '0',
    },
    firstStart,
  );

const month = (n: number) => new Date(Date.UTC(2028, 0 + n, 10, 8, 0, 0)).toISOString();

describe('Renewal crash safety (SIGKILL under a moving test clock, real server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-renewal-crash-'));
  const port = 43000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(() => buildOnce(), 200_000);
  afterAll(async () => {
    await killAll();
    if (!process.env.ORDO_CRASH_KEEP) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  });

  it(`≥ ${MIN_KILLS} kills while ${SUBSCRIPTIONS} subscriptions renew over ${MONTHS} months: one order per cycle, one charge per order`, async () => {
    let server = await startServer(dir, port, true);
    const apiKey = /ordo_test_[A-Za-z0-9]+/.exec(server.output())?.[0] ?? '';
    expect(apiKey).not.toBe('');
    const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    const call = async (path: string, body?: object) => {
      const res = await fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers, ...(body ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(60_000) });
      return { status: res.status, body: (await res.json()) as { data: Record<string, unknown> } };
    };
    const made = async (path: string, body: object) => {
      const res = await call(path, body);
      expect([path, res.status]).toEqual([path, 201]);
      return res.body.data.id as string;
    };
    const clock = await made('/v1/test-clocks', { frozen_time: month(0) });
    const plan = await made('/v1/plans', { name: 'Monthly', currency: 'USD', interval: 'month', line_items: [{ name: 'Seat', unit_price_money: { amount: 2500, currency: 'USD' } }] });
    const subs: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const customer = await made('/v1/customers', { test_clock_id: clock });
      await made(`/v1/customers/${customer}/payment-methods`, { token: 'tok_visa' });
      subs.push(await made('/v1/subscriptions', { customer_id: customer, plan_id: plan }));
    }

    let kills = 0;
    let inFlight = 0;
    for (let m = 1; m <= MONTHS; m++) {
      // Each month: kill during the advance (while renewals and charges run), restart, send it again — until it answers.
      for (let round = 0; ; round++) {
        const advancing = fetch(`${base}/v1/test-clocks/${clock}/advance`, { method: 'POST', headers, body: JSON.stringify({ frozen_time: month(m) }), signal: AbortSignal.timeout(60_000) }).catch(() => undefined);
        // Keep killing in the last months until a kill has caught a charge in flight.
        const killNow = round < 2 || kills < MIN_KILLS * (m / MONTHS) || (m > MONTHS / 2 && inFlight === 0 && round < 10);
        if (!killNow) {
          const res = await advancing;
          expect(res?.status).toBe(200);
          break;
        }
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 60));
        await kill(server.child);
        kills++;
        await advancing;
        inFlight += leftInFlight(dir);
        trace(`month ${m} round ${round}: killed (${kills} so far, ${inFlight} charges caught in flight)`);
        server = await startServer(dir, port);
      }
    }
    await kill(server.child);
    trace(`${kills} kills, ${inFlight} charges caught in flight`);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(inFlight).toBeGreaterThan(0);

    const db = new Database(join(dir, 'ordo.db'), { readonly: true });
    const sandbox = SandboxProcessor.open(join(dir, 'sandbox-processor.db'));
    try {
      const orders = db
        .prepare("SELECT id, json_extract(resource, '$.subscription_id') AS sub, json_extract(resource, '$.billing_cycle') AS cycle, payment_status FROM orders WHERE json_extract(resource, '$.origin') = 'subscription'")
        .all() as { id: string; sub: string; cycle: number; payment_status: string }[];
      for (const sub of subs) {
        // Cycle 1 at creation, then one per month advanced.
        expect([sub, orders.filter((o) => o.sub === sub).map((o) => o.cycle).sort((x, y) => x - y)]).toEqual([sub, Array.from({ length: MONTHS + 1 }, (_, i) => i + 1)]);
      }
      const intentsOf = db.prepare('SELECT id, status FROM payment_intents WHERE order_id = ?');
      for (const order of orders) {
        const intents = intentsOf.all(order.id) as { id: string; status: string }[];
        const charges = intents.reduce((sum, pi) => sum + sandbox.inspect.countCharges({ reference: pi.id }), 0);
        expect([order.id, order.payment_status, charges]).toEqual([order.id, 'paid', 1]);
        expect(intents.filter((pi) => pi.status === 'succeeded')).toHaveLength(1);
      }
      expect(sandbox.inspect.inconsistencies()).toEqual([]);
    } finally {
      db.close();
      await sandbox.close();
    }
  }, 400_000);
});
