// Nest's decorators on ProjectionRunner need the metadata API before its module is evaluated.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteEventStore } from '#ordo/event-store';
import { ProjectionRunner } from '../../application/projections/projection-runner.js';
import { createProjections } from '../../application/projections/projection-set.js';
import type { OrdoConfig } from '../../config/ordo-config.js';
import { SqliteJobs } from '../sql/sqlite-jobs.js';
import { sqlJobOf } from '../sql/state-job.js';
import '../state-jobs.js';
import { toWire } from './store-error-wire.js';
import type { WriterMessage, WriterRequest, WriterThreadData } from './writer-messages.js';

/**
 * The embedded file's one writer, in a thread of its own: appends, the projection batches that
 * commit with them, and service-state transactions all run here, group-committed exactly as
 * in-thread (one BEGIN IMMEDIATE … COMMIT per batch, synchronous=FULL by default), so the API's
 * event loop keeps serving HTTP while SQL and fsync run on the other core. An answer is posted
 * only after its transaction committed.
 */
const data = workerData as WriterThreadData;
const port = parentPort!;
const post = (message: WriterMessage) => port.postMessage(message);

const sqlite = createSqliteEventStore({ path: data.path, synchronous: data.synchronous, groupCommit: data.groupCommit });
const jobs = new SqliteJobs(sqlite.db);
let runner: ProjectionRunner | undefined;
sqlite.writer.onCommitted((stats) => post({ notice: 'committed', stats }));
post({ notice: 'ready' });

async function handle(request: WriterRequest): Promise<unknown> {
  switch (request.kind) {
    case 'append': {
      const appended = sqlite.store.appendSerialized(request.streamName, request.rows, request.expected);
      // Queued right behind the append, the projection batch lands in the same transaction.
      runner?.kick();
      return await appended;
    }
    case 'state':
      return await sqlite.writer.write(() => jobs.run(sqlJobOf(request.job)));
    case 'schema':
      // Between batches (each runs within one turn of this thread's loop), so never inside one.
      for (const statement of request.statements) sqlite.db.exec(statement);
      return undefined;
    case 'projections':
      return await startProjections(request.publicUrl, request.idSecret);
    case 'close':
      return undefined;
  }
}

async function startProjections(publicUrl: string, idSecret: string): Promise<void> {
  if (runner) return;
  const projections = createProjections({ publicUrl, idSecret, keyRevoked: (keyId) => post({ notice: 'keyRevoked', keyId }) });
  runner = new ProjectionRunner(sqlite.store, sqlite, projections, { projectionPollMs: data.projectionPollMs } as OrdoConfig);
  runner.onProgress((checkpoints) => post({ notice: 'progress', checkpoints: [...checkpoints] }));
  runner.onApplied((events) => post({ notice: 'applied', events: [...events] }));
  await runner.start();
}

port.on('message', (request: WriterRequest) => {
  void (async () => {
    try {
      const value = await handle(request);
      if (request.kind === 'close') {
        runner?.onApplicationShutdown();
        // The writer flushes what is queued before the file closes: nothing accepted is lost.
        await sqlite.close();
        post({ id: request.id, ok: true, value: undefined });
        port.close();
        return;
      }
      post({ id: request.id, ok: true, value });
    } catch (error) {
      post({ id: request.id, ok: false, error: toWire(error) });
    }
  })();
});
