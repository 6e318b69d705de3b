import { parentPort, workerData } from 'node:worker_threads';
import type { SqliteSynchronous } from '#ordo/event-store';
import { SandboxProcessor } from '../sandbox-processor.js';
import { toWire } from './processor-error-wire.js';
import type { ThreadReply, ThreadRequest } from './thread-messages.js';

/**
 * The sandbox processor's own thread: its SQLite transactions (and their fsyncs) run here, so the
 * API's event loop keeps serving while the "processor" writes. Calls are answered in order, one at
 * a time, exactly as the in-thread sandbox answers them.
 */
const { path, synchronous } = workerData as { path: string; synchronous?: SqliteSynchronous };
const port = parentPort!;
let sandbox: SandboxProcessor;
try {
  sandbox = SandboxProcessor.open(path, { synchronous });
  port.postMessage({ ready: true } satisfies ThreadReply);
} catch (error) {
  port.postMessage({ ready: false, error: toWire(error) } satisfies ThreadReply);
  process.exit(1);
}

port.on('message', (request: ThreadRequest) => {
  void (async () => {
    if (request.method === 'close') {
      await sandbox.close();
      port.postMessage({ id: request.id, ok: true, value: undefined } satisfies ThreadReply);
      port.close();
      return;
    }
    try {
      const value: unknown = await (sandbox[request.method] as (...args: unknown[]) => Promise<unknown>)(...request.args);
      port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: toWire(error) } satisfies ThreadReply);
    }
  })();
});
