import type pg from 'pg';
import { describeWithPostgres, freshPostgresSchema, type TestSchema } from '../libs/event-store/src/testing/postgres-test-schema.js';
import { ORDO_CONFIG, type OrdoConfig } from '../apps/api/src/config/ordo-config.js';
import { createProjections } from '../apps/api/src/application/projections/projection-set.js';
import { createReadModelPool } from '../apps/api/src/persistence/postgres/read-model-pool.js';
import { ServerSecrets } from '../apps/api/src/platform/server-secrets.js';
import { buildOnce, kill, killAll, startBuiltProjector, type BuiltServer } from './support/built-server.js';
import { runMixedFlow } from './support/mixed-flow.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * The projector as its own processes: two started on one PostgreSQL, the leader SIGKILLed in the
 * middle of the log, the standby takes the lock and finishes from the committed checkpoints; the
 * tables end exactly as the SQLite service built them, and SIGTERM stops it cleanly.
 */
describeWithPostgres('projector processes (SIGKILL mid-log, standby takes over)', () => {
  let t: TestApp;
  let schema: TestSchema;
  let pool: pg.Pool;
  let env: Record<string, string>;

  const lowest = async () => Number((await pool.query('SELECT MIN(position) AS low FROM projection_checkpoints')).rows[0]?.low ?? 0);
  const head = async () => Number(await t.sqlite.store.headPosition());
  const until = async (ok: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 1_500; i++) {
      if (await ok().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    await buildOnce();
    t = await startTestApp({ apiReference: false });
    await runMixedFlow(t);
    const auth = bearer(t.keys.aTest);
    // A longer log, so the leader is killed with most of it still to apply.
    for (let i = 0; i < 120; i++) {
      const o = (await t.http.post('/v1/orders').set(auth).send({ currency: 'USD', line_items: [{ name: `Item ${i}`, quantity: 1, unit_price_money: usd(1_000 + i) }] }).expect(201)).body.data;
      await t.http.post('/v1/payment-intents').set(auth).send({ order_id: o.id, payment_method: { token: 'tok_visa' }, confirm: true }).expect(201);
    }
    schema = await freshPostgresSchema('projector');
    pool = createReadModelPool(schema.url);
    // One deployment, one server secret: the API processes and the projector share it.
    await pool.query('CREATE TABLE server_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
    await pool.query("INSERT INTO server_settings VALUES ('id_secret', $1)", [t.app.get(ServerSecrets).idSecret]);
    env = {
      ORDO_DATA_DIR: t.dir,
      ORDO_EVENTS: 'sqlite',
      ORDO_READ_MODELS: 'postgres',
      ORDO_POSTGRES_URL: schema.url,
      ORDO_PUBLIC_URL: t.app.get<OrdoConfig>(ORDO_CONFIG).publicUrl,
      ORDO_PROJECTOR_BATCH: '25',
      ORDO_PROJECTOR_IDLE_MS: '20',
      LOG_LEVEL: 'warn',
    };
  }, 180_000);
  afterAll(async () => {
    await killAll();
    await pool?.end();
    await schema?.drop();
    await t?.close();
  });

  it('the standby finishes what the killed leader started; the tables equal the SQLite ones; SIGTERM exits 0', async () => {
    const leader: BuiltServer = await startBuiltProjector(env);
    await until(async () => (await lowest()) > 0, 'the leader to commit a first batch');
    const standby = await startBuiltProjector(env);
    await kill(leader.child);
    const killedAt = await lowest();
    const end = await head();
    // Killed in the middle: there was work left for the standby.
    expect(killedAt).toBeLessThan(end);
    await until(async () => (await lowest()) === end, 'the standby to reach the head of the log');

    for (const table of createProjections({ publicUrl: '', idSecret: '' }).flatMap((p) => p.tables)) {
      const sqlite = (t.db.prepare(`SELECT * FROM ${table}`).all() as object[]).map((r) => JSON.stringify(r)).sort();
      const postgres = (await pool.query(`SELECT * FROM ${table}`)).rows.map((r: object) => JSON.stringify(r)).sort();
      expect([table, postgres]).toEqual([table, sqlite]);
    }
    const exited = new Promise<number | null>((resolve) => standby.child.once('exit', resolve));
    standby.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
