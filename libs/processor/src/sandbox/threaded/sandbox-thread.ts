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
// The file is opened at the first call, not at start: the thread is started with the app (so the
// first payment does not wait for a thread to load) and an app that never takes a payment never
// creates the sandbox file.
let sandbox: SandboxProcessor | undefined;
port.postMessage({ ready: true } satisfies ThreadReply);

port.on('message', (request: ThreadRequest) => {
  void (async () => {
    if (request.method === 'close') {
      await sandbox?.close();
      port.postMessage({ id: request.id, ok: true, value: undefined } satisfies ThreadReply);
      port.close();
      return;
    }
    try {
      sandbox ??= SandboxProcessor.open(path, { synchronous });
      const value: unknown = await (sandbox[request.method] as (...args: unknown[]) => Promise<unknown>)(...request.args);
      port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: toWire(error) } satisfies ThreadReply);
    }
  })();
});
