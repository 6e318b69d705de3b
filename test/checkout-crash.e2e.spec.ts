import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcessor } from '#ordo/processor';
import { buildOnce, kill, killAll, startBuiltServer } from './support/built-server.js';
import { leftInFlight } from './support/in-flight.js';

/**
 * Crash safety of hosted checkout: buyers pay on the hosted pages (form posts, no idempotency
 * key — a browser has none) while the real server is SIGKILLed at random moments. A buyer whose
 * answer never came reloads the page and pays again if it still asks. In the end every session
 * is completed, by exactly one charge, and agrees with the sandbox's record: recovery finishes a
 * call the kill left in flight (completing the session in the same append as the capture), and
 * a second payment while one is being decided is refused (PAYMENT_IN_PROGRESS).
 */
const KILLS = 8;
const SESSIONS = 24;

const startServer = (dir: string, port: number, firstStart = false) =>
  startBuiltServer({ ORDO_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', ORDO_API_REFERENCE: 'off', ORDO_PAYMENT_RECOVERY_MS: '0', ORDO_PAYMENT_RECOVERY_GRACE_MS: '0', ORDO_RATE_LIMIT_WRITES: '0', ORDO_RATE_LIMIT_READS: '0' }, firstStart);

describe('Hosted checkout crash safety (SIGKILL, real server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-checkout-crash-'));
  const port = 47000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(() => buildOnce(), 200_000);
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One buyer's attempt: read the page; pay if it still asks. Answers true once the page says paid. */
  async function buyerStep(path: string): Promise<boolean> {
    const page = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!page) return false;
    const html = await page.text().catch(() => '');
    if (html.includes('Payment successful')) return true;
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const amount = /name="expected_amount" value="(\d+)"/.exec(html)?.[1];
    if (!csrf || !amount) return false;
    const form = new URLSearchParams({ csrf, expected_amount: amount, card_number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '123' });
    const res = await fetch(`${base}${path}/pay`, { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    return res?.status === 303;
  }

  it(`${KILLS} kills while buyers pay on hosted pages: every session completed by exactly one charge`, async () => {
    let server = await startServer(dir, port, true);
    const key = /ordo_test_[A-Za-z0-9]+/.exec(server.output())![0];
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    const sessions: { id: string; order_id: string; path: string }[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const res = await fetch(`${base}/v1/checkout-sessions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ line_items: [{ name: `Seat ${i}`, unit_price_money: { amount: 1000 + i, currency: 'USD' } }], success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cart' }),
      });
      const data = ((await res.json()) as { data: { id: string; order_id: string; url: string } }).data;
      sessions.push({ id: data.id, order_id: data.order_id, path: new URL(data.url).pathname });
    }
    await kill(server.child);

    const done = new Set<string>();
    let inFlight = 0;
    for (let round = 0; round < KILLS; round++) {
      server = await startServer(dir, port);
      let stop = false;
      const buyers = [0, 1, 2].map(async (lane) => {
        for (const s of sessions.filter((_, i) => i % 3 === lane)) {
          if (stop) return;
          if (!done.has(s.id) && (await buyerStep(s.path))) done.add(s.id);
        }
      });
      await new Promise((r) => setTimeout(r, 40 + Math.random() * 200));
      stop = true;
      await kill(server.child);
      await Promise.all(buyers);
      inFlight += leftInFlight(dir);
    }

    // The last start: recovery settles what the kills left; every buyer comes back until paid.
    server = await startServer(dir, port);
    for (let attempt = 0; attempt < 50 && done.size < sessions.length; attempt++) {
      for (const s of sessions) if (!done.has(s.id) && (await buyerStep(s.path))) done.add(s.id);
      if (done.size < sessions.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(done.size).toBe(sessions.length);

    const sandbox = SandboxProcessor.open(join(dir, 'sandbox-processor.db'));
    try {
      for (const s of sessions) {
        const session = ((await (await fetch(`${base}/v1/checkout-sessions/${s.id}`, { headers })).json()) as { data: { status: string; payment_intent_id: string; amount_due_money: { amount: number } } }).data;
        const intents = ((await (await fetch(`${base}/v1/payment-intents?order_id=${s.order_id}`, { headers })).json()) as { data: { id: string; status: string; captured_money: { amount: number } }[] }).data;
        const order = ((await (await fetch(`${base}/v1/orders/${s.order_id}`, { headers })).json()) as { data: { payment_status: string; amounts: { total_money: { amount: number }; paid_money: { amount: number } } } }).data;
        expect([s.id, session.status, order.payment_status]).toEqual([s.id, 'completed', 'paid']);
        // Exactly one charge: one intent took the money, the processor charged it once, the order is paid once.
        const charged = intents.filter((pi) => pi.captured_money.amount > 0);
        expect([s.id, charged.length, charged[0]?.id]).toEqual([s.id, 1, session.payment_intent_id]);
        expect(sandbox.inspect.countCharges({ reference: session.payment_intent_id })).toBe(1);
        expect(order.amounts.paid_money.amount).toBe(order.amounts.total_money.amount);
        for (const pi of intents.filter((x) => x.id !== session.payment_intent_id)) expect([pi.id, sandbox.inspect.countCharges({ reference: pi.id })]).toEqual([pi.id, 0]);
      }
      expect(sandbox.inspect.inconsistencies()).toEqual([]);
    } finally {
      await sandbox.close();
      await kill(server.child);
    }
    // Reported, not asserted: whether a kill caught a processor call in flight is up to timing.
    process.stderr.write(`[checkout-crash] ${KILLS} kills; ${inFlight} left a processor call in flight\n`);
  }, 300_000);
});
