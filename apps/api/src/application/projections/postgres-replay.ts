import type pg from 'pg';
import type { EventStore } from '#ordo/event-store';
import { PostgresJobs } from '../../persistence/sql/postgres-jobs.js';
import { postgresDdl } from '../../persistence/sql/postgres-sql.js';
import type { Projection } from './projection.js';
import { applyBatch, CHECKPOINTS_TABLE, loadCheckpoints, lowestCheckpoint, prepareProjections } from './projection-batch.js';
import type { ReplayProgress, ReplayReport } from './sqlite-replay.js';

const BATCH = 2_000;

/**
 * The PostgreSQL read models rebuilt from position 0 into a scratch schema while the projector
 * keeps the live ones current, then swapped in by one transaction: it locks the live
 * checkpoints (the projector's next batch waits), applies the events appended meanwhile, drops
 * each live table and moves its rebuilt copy (indexes included) into the live schema, and copies
 * the checkpoints. DDL is transactional in PostgreSQL: readers see the old tables or the new.
 */
export async function replayPostgres(pool: pg.Pool, store: EventStore, projections: readonly Projection[], progress: ReplayProgress = () => undefined): Promise<ReplayReport> {
  const client = await pool.connect();
  const started = Date.now();
  let events = 0;
  try {
    const live = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
    const scratch = `${live}_replay`;
    const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
    await client.query(postgresDdl(CHECKPOINTS_TABLE));
    await client.query(`DROP SCHEMA IF EXISTS ${quoted(scratch)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quoted(scratch)}`);
    const jobs = new PostgresJobs(client, (stream) => store.readStream(stream));
    const inScratch = async <T>(work: () => Promise<T>): Promise<T> => {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${quoted(scratch)}`);
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    };
    // Nobody else writes the scratch schema: its checkpoints are kept in memory after this read.
    let checkpoints = await inScratch(async () => {
      await jobs.run(prepareProjections(projections, postgresDdl));
      return jobs.run(loadCheckpoints(projections));
    });
    /** One page into the scratch tables; the caller holds the transaction. */
    const applyPage = async (): Promise<number> => {
      const page = await store.readAll({ fromPosition: lowestCheckpoint(checkpoints), limit: BATCH });
      if (page.length > 0) checkpoints = await jobs.run(applyBatch(projections, page, checkpoints));
      events += page.length;
      return page.length;
    };
    let head = await store.headPosition();
    for (;;) {
      const applied = await inScratch(applyPage);
      if (applied === 0) break;
      const at = lowestCheckpoint(checkpoints);
      if (at >= head) head = await store.headPosition();
      progress(at, head);
    }
    const applyMs = Date.now() - started;
    const swapStarted = Date.now();
    const rows: Record<string, number> = {};
    await client.query('BEGIN');
    try {
      await client.query(`LOCK TABLE ${quoted(live)}.projection_checkpoints IN ACCESS EXCLUSIVE MODE`);
      await client.query(`SET LOCAL search_path TO ${quoted(scratch)}`);
      while ((await applyPage()) > 0);
      for (const p of projections) {
        for (const table of p.tables) {
          await client.query(`DROP TABLE IF EXISTS ${quoted(live)}.${table}`);
          await client.query(`ALTER TABLE ${quoted(scratch)}.${table} SET SCHEMA ${quoted(live)}`);
          rows[table] = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted(live)}.${table}`)).rows[0]!.n);
        }
      }
      await client.query(`UPDATE ${quoted(live)}.projection_checkpoints l SET position = r.position, version = r.version
                            FROM ${quoted(scratch)}.projection_checkpoints r WHERE l.name = r.name`);
      await client.query(`INSERT INTO ${quoted(live)}.projection_checkpoints (name, position, version)
                            SELECT name, position, version FROM ${quoted(scratch)}.projection_checkpoints ON CONFLICT (name) DO NOTHING`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await client.query(`DROP SCHEMA ${quoted(scratch)} CASCADE`);
    return { events, rows, applyMs, swapMs: Date.now() - swapStarted };
  } finally {
    client.release();
  }
}
