import { existsSync } from 'node:fs';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { replaySqlite } from '../apps/api/src/application/projections/sqlite-replay.js';
import { ORDO_CONFIG, type OrdoConfig } from '../apps/api/src/config/ordo-config.js';
import { ServerSecrets } from '../apps/api/src/platform/server-secrets.js';
import { buildOnce, runBuiltCli } from './support/built-server.js';
import { runMixedFlow } from './support/mixed-flow.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * `replay` rebuilds every read model into fresh tables from position 0 and swaps them in: the
 * result equals the incrementally built tables, writes made while it runs are not lost, and the
 * scratch file is gone afterwards.
 */
describe('replay into fresh tables, then swap', () => {
  let t: TestApp;
  const config = () => t.app.get<OrdoConfig>(ORDO_CONFIG);
  const projections = () => createProjections({ publicUrl: config().publicUrl, idSecret: t.app.get(ServerSecrets).idSecret });
  const tables = () => projections().flatMap((p) => p.tables);
  const snapshot = () => Object.fromEntries(tables().map((table) => [table, (t.db.prepare(`SELECT * FROM ${table}`).all() as object[]).map((r) => JSON.stringify(r)).sort()]));
  const order = (amount: number) => t.http.post('/v1/orders').set(bearer(t.keys.aTest)).send({ currency: 'USD', line_items: [{ name: 'During', quantity: 1, unit_price_money: usd(amount) }] });

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
    await runMixedFlow(t);
  }, 60_000);
  afterAll(() => t.close());

  it('the rebuilt tables equal the incremental ones, including orders written during the replay', async () => {
    const writes = Promise.all([order(101), order(102), order(103)]);
    const report = await replaySqlite(t.sqlite, config().databaseFile, projections());
    const during = await writes;
    expect(during.map((r) => r.status)).toEqual([201, 201, 201]);
    await t.app.get(ProjectionRunner).catchUp();
    const replayed = snapshot();
    expect(report.events).toBeGreaterThan(80);
    expect(report.rows.orders).toBeGreaterThanOrEqual(8);
    // Every order written while replaying is in the swapped-in tables.
    for (const r of during) expect(replayed.orders!.some((row) => row.includes(r.body.data.id))).toBe(true);
    expect(existsSync(`${config().databaseFile}.replay`)).toBe(false);
    // The reference: the same tables rebuilt in place by the live runner.
    await t.app.get(ProjectionRunner).rebuild();
    expect(snapshot()).toEqual(replayed);
    const head = Number(await t.sqlite.store.headPosition());
    const checkpoints = t.db.prepare('SELECT DISTINCT position FROM projection_checkpoints').all() as { position: number }[];
    expect(checkpoints).toEqual([{ position: head }]);
  }, 60_000);

  it('the CLI command replays and reports what it swapped in', async () => {
    await buildOnce();
    const before = snapshot();
    const out = runBuiltCli({ ORDO_DATA_DIR: t.dir, LOG_LEVEL: 'silent' }, 'replay');
    const report = JSON.parse(out) as { events: number; rows: Record<string, number> };
    expect(report.events).toBe(Number(await t.sqlite.store.headPosition()));
    expect(report.rows.orders).toBe(before.orders!.length);
    expect(snapshot()).toEqual(before);
  }, 120_000);
});
