import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcessor } from '#ordo/processor';
import { buildOnce, kill, killAll, startBuiltServer } from './support/built-server.js';
import { leftInFlight } from './support/in-flight.js';

/**
 * Crash safety of confirm: the real server (built to dist/) is SIGKILLed at random moments while
 * create+confirm requests stream in, 20 times; the last restart's recovery pass must leave every
 * intent consistent with the sandbox's own record, with at most one charge per intent.
 */
const KILLS = 20;
const trace = process.env.ORDO_CRASH_TRACE ? (m: string) => process.stderr.write(`[crash] ${m}\n`) : () => undefined;

const startServer = (dir: string, port: number, firstStart = false) =>
  startBuiltServer(
    {
      ORDO_DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      ORDO_API_REFERENCE: 'off',
      // Only the start-up pass, with no grace: after a restart no request still owns an attempt.
      ORDO_PAYMENT_RECOVERY_MS: '0',
      ORDO_PAYMENT_RECOVERY_GRACE_MS: '0',
    },
    firstStart,
  );

describe('Payments crash safety (SIGKILL, real server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-crash-'));
  const port = 41000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(() => buildOnce(), 200_000);
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`≥ ${KILLS} kills during create+confirm, retries with the same keys, recovery: every intent agrees with the processor, one charge each`, async () => {
    let apiKey = '';
    let sent = 0;
    let inFlight = 0;
    // Requests whose answer never arrived; a client retries them with the same key and body.
    const unanswered = new Map<string, string>();
    const post = async (headers: Record<string, string>, key: string, body: string): Promise<void> => {
      const res = await fetch(`${base}/v1/payment-intents`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': key },
        body,
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
      if (res && res.status < 500 && res.status !== 409) {
        expect([key, res.status]).toEqual([key, 201]);
        unanswered.delete(key);
      } else unanswered.set(key, body);
    };

    // Kill at random moments until at least KILLS kills happened and at least one of them caught a
    // processor call in flight (otherwise recovery would not have been exercised).
    for (let round = 0; round < KILLS || (inFlight === 0 && round < 3 * KILLS); round++) {
      if (round > 0) inFlight += leftInFlight(dir);
      trace(`round ${round}: starting, ${sent} requests so far, ${unanswered.size} unanswered`);
      const server = await startServer(dir, port, apiKey === '');
      apiKey ||= /ordo_test_[A-Za-z0-9]+/.exec(server.output())?.[0] ?? '';
      expect(apiKey).not.toBe('');
      const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
      let stop = false;
      const retries = [...unanswered].map(([key, body]) => post(headers, key, body));
      const stream = async () => {
        while (!stop) {
          const n = sent++;
          // A distinct amount per request: a retry that created a second intent would show up as a duplicate amount.
          const body = JSON.stringify({ amount_money: { amount: 1000 + n, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true });
          await post(headers, `crash-${n}`, body);
        }
      };
      const clients = [stream(), stream(), stream()];
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
      stop = true;
      await kill(server.child);
      await Promise.all([...clients, ...retries]);
    }
    inFlight += leftInFlight(dir);
    trace(`${sent} requests sent; ${inFlight} times a kill left a processor call in flight; ${unanswered.size} unanswered`);
    expect(inFlight).toBeGreaterThan(0);

    const server = await startServer(dir, port);
    const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    for (let attempt = 0; attempt < 50 && unanswered.size > 0; attempt++) {
      await Promise.all([...unanswered].map(([key, body]) => post(headers, key, body)));
      if (unanswered.size) await new Promise((r) => setTimeout(r, 100));
    }
    expect([...unanswered.keys()]).toEqual([]);

    const all: { id: string; status: string; amount_money: { amount: number }; captured_money: { amount: number } }[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      all.length = 0;
      let token: string | null = null;
      do {
        const res = (await (
          await fetch(`${base}/v1/payment-intents?page_size=100${token ? `&page_token=${token}` : ''}`, { headers, signal: AbortSignal.timeout(10_000) })
        ).json()) as { data: typeof all; next_page_token: string | null };
        all.push(...res.data);
        token = res.next_page_token;
      } while (token);
      if (!all.some((pi) => pi.status === 'processing')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await kill(server.child);
    const byStatus: Record<string, number> = {};
    for (const pi of all) byStatus[pi.status] = (byStatus[pi.status] ?? 0) + 1;
    trace(`${all.length} intents after recovery: ${JSON.stringify(byStatus)}`);

    // Every request was eventually answered 201, so each made exactly one intent, and each intent succeeded once.
    expect(all.length).toBe(sent);
    expect(new Set(all.map((pi) => pi.amount_money.amount)).size).toBe(sent);
    const sandbox = SandboxProcessor.open(join(dir, 'sandbox-processor.db'));
    try {
      for (const pi of all) {
        expect([pi.id, pi.status, sandbox.inspect.countCharges({ reference: pi.id })]).toEqual([pi.id, 'succeeded', 1]);
        expect(sandbox.inspect.authorizationsFor(pi.id).reduce((sum, a) => sum + a.captured, 0)).toBe(pi.captured_money.amount);
        expect(pi.captured_money.amount).toBe(pi.amount_money.amount);
      }
      expect(sandbox.inspect.inconsistencies()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 300_000);
});
