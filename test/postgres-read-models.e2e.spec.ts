import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { PostgresProjector } from '../apps/api/src/application/projections/postgres-projector.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { replayPostgres } from '../apps/api/src/application/projections/postgres-replay.js';
import { ORDO_CONFIG, type OrdoConfig } from '../apps/api/src/config/ordo-config.js';
import { createReadModelClient, createReadModelPool } from '../apps/api/src/persistence/postgres/read-model-pool.js';
import { ServerSecrets } from '../apps/api/src/platform/server-secrets.js';
import { runMixedFlow } from './support/mixed-flow.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';
import type pg from 'pg';

/**
 * The same projections, written once, build the same tables on PostgreSQL as on SQLite: a mixed
 * flow runs on the default (SQLite) service, then a PostgreSQL projector reads that very log and
 * every table is compared row for row. Replaying into rows already there changes nothing, and a
 * standby projector takes over when the active one stops.
 */
describeWithPostgres('read models on PostgreSQL', () => {
  let t: TestApp;
  let schema: TestSchema;
  let pool: pg.Pool;
  const projectors: PostgresProjector[] = [];

  const projector = () => {
    const config = t.app.get<OrdoConfig>(ORDO_CONFIG);
    const p = new PostgresProjector(pool, () => createReadModelClient(schema.url), t.sqlite.store, createProjections({ publicUrl: config.publicUrl, idSecret: t.app.get(ServerSecrets).idSecret }), { idleMs: 20, batch: 97 });
    projectors.push(p);
    return p;
  };
  const tables = () => createProjections({ publicUrl: '', idSecret: '' }).flatMap((p) => p.tables);
  /** Rows as sorted JSON lines: both engines answer whole numbers as numbers and text as strings. */
  const sqliteRows = (table: string) => (t.db.prepare(`SELECT * FROM ${table}`).all() as object[]).map((r) => JSON.stringify(r)).sort();
  const postgresRows = async (table: string) => (await pool.query(`SELECT * FROM ${table}`)).rows.map((r: object) => JSON.stringify(r)).sort();
  const expectSameRows = async () => {
    for (const table of tables()) expect([table, await postgresRows(table)]).toEqual([table, sqliteRows(table)]);
  };

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
    await runMixedFlow(t);
    schema = await freshPostgresSchema('readmodels');
    pool = createReadModelPool(schema.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(projectors.map((p) => p.stop()));
    await pool?.end();
    await schema?.drop();
    await t?.close();
  });

  it('a projector fed from the same log builds every table exactly as SQLite did', async () => {
    const p = projector();
    p.start();
    await p.caughtUp(await t.sqlite.store.headPosition());
    expect(p.isLeader).toBe(true);
    const counts = await Promise.all(tables().map(async (table) => [table, (await postgresRows(table)).length] as const));
    // The flow reached every read model: no table is compared empty against empty.
    expect(counts.filter(([, n]) => n === 0)).toEqual([]);
    await expectSameRows();
    const checkpoints = (await pool.query('SELECT name, position FROM projection_checkpoints ORDER BY name')).rows;
    expect(new Set(checkpoints.map((c: { position: number }) => c.position))).toEqual(new Set([Number(await t.sqlite.store.headPosition())]));
  }, 60_000);

  it('delivering the whole log again into the rows already there changes nothing', async () => {
    await projectors[0]!.stop();
    await pool.query('UPDATE projection_checkpoints SET position = 0');
    const again = projector();
    again.start();
    await again.caughtUp(await t.sqlite.store.headPosition());
    await expectSameRows();
  }, 60_000);

  it('one projector leads; a standby waits and takes over when the leader stops, from its checkpoints', async () => {
    const leader = projectors.at(-1)!;
    const standby = projector();
    standby.start();
    await new Promise((r) => setTimeout(r, 100));
    expect([leader.isLeader, standby.isLeader]).toEqual([true, false]);
    await leader.stop();
    const auth = bearer(t.keys.aTest);
    await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'After', quantity: 1, unit_price_money: usd(900) }] }).expect(201);
    await standby.caughtUp(await t.sqlite.store.headPosition());
    expect(standby.isLeader).toBe(true);
    await expectSameRows();
  }, 60_000);

  it('replay rebuilds into a scratch schema while the projector runs, and swaps in equal tables', async () => {
    const active = projectors.at(-1)!;
    expect(active.isLeader).toBe(true);
    const auth = bearer(t.keys.aTest);
    const during = t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: 'During', quantity: 1, unit_price_money: usd(700) }] });
    const report = await replayPostgres(pool, t.sqlite.store, createProjections({ publicUrl: t.app.get<OrdoConfig>(ORDO_CONFIG).publicUrl, idSecret: t.app.get(ServerSecrets).idSecret }));
    expect((await during).status).toBe(201);
    expect(report.rows.orders).toBeGreaterThanOrEqual(8);
    await active.caughtUp(await t.sqlite.store.headPosition());
    await expectSameRows();
    const left = await pool.query("SELECT nspname FROM pg_namespace WHERE nspname = $1", [`${schema.schema}_replay`]);
    expect(left.rows).toEqual([]);
  }, 60_000);
});
