import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, killAll, runBuiltCli, startBuiltServer, type BuiltServer } from './support/built-server.js';

/**
 * The built server as its own process, with the administration CLI as another process on the
 * same database file: what an operator does, end to end.
 */
describe('Running server and CLI as separate processes (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-running-'));
  const port = 43000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;
  const env = { ORDO_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'info', ORDO_API_REFERENCE: 'off', ORDO_API_KEY_RECHECK_MS: '1000' };
  let server: BuiltServer;
  let key: string;

  beforeAll(async () => {
    await buildOnce();
    server = await startBuiltServer(env, true);
    key = /ordo_test_[A-Za-z0-9]+/.exec(server.output())![0];
  }, 200_000);
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, apiKey = key) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(10_000) });

  it('request logs carry the path but never query values (a card-number-shaped value stays out of the log)', async () => {
    const res = await get('/v1/orders?page_size=4242424242424242');
    expect(res.status).toBe(400);
    await get('/v1/orders/4111111111111111');
    // pino writes the line when the answer is sent; give the pipe a moment.
    const deadline = Date.now() + 5_000;
    while (!server.output().includes('"/v1/orders?page_size=') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const log = server.output();
    expect(log).toContain('"/v1/orders?page_size=[redacted]"');
    expect(log).not.toContain('4242424242424242');
    expect(log).not.toContain('4111111111111111');
  });

  it('a key revoked with `key:revoke` from the CLI is refused by the running server within ORDO_API_KEY_RECHECK_MS', async () => {
    expect((await get('/v1/orders')).status).toBe(200);
    const merchants = JSON.parse(runBuiltCli(env, 'merchant:list')) as { id: string; keys: { key_id: string; revoked_at: string | null }[] }[];
    const [merchant] = merchants;
    const [target] = merchant.keys;
    expect(runBuiltCli(env, 'key:revoke', merchant.id, target.key_id)).toContain(`revoked ${target.key_id}`);
    // The documented bound here is 1 s; allow scheduling slack but far less than "never".
    let status = 200;
    const deadline = Date.now() + 15_000;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await get('/v1/orders')).status;
    }
    expect(status).toBe(401);
  }, 60_000);
});
