import type { SqliteSynchronous } from '#ordo/event-store';
import { NotConfiguredProcessor } from './live/not-configured-processor.js';
import type { PaymentProcessor } from './processor.port.js';
import type { ProcessorMode } from './processor-requests.js';
import { SandboxProcessor } from './sandbox/sandbox-processor.js';
import { canRunSandboxThread, ThreadedSandboxProcessor } from './sandbox/threaded/threaded-sandbox-processor.js';

export interface CreateProcessorOptions {
  mode: ProcessorMode;
  /** The sandbox's own file (test mode), e.g. `data/sandbox-processor.db`; never Ordo's database. */
  sandboxPath?: string;
  synchronous?: SqliteSynchronous;
  /** Run the sandbox in a worker thread of its own (when its compiled entry is there). */
  thread?: boolean;
}

/**
 * One processor per mode: test → the sandbox; live → no real processor is wired in yet, so an
 * implementation that answers PROCESSOR_NOT_CONFIGURED to every call.
 */
export function createProcessor(options: CreateProcessorOptions): PaymentProcessor {
  if (options.mode === 'live') return new NotConfiguredProcessor();
  if (options.mode !== 'test') throw new RangeError(`mode must be "test" or "live", got ${String(options.mode)}`);
  if (!options.sandboxPath) throw new RangeError('sandboxPath is required in test mode');
  // TypeScript sources (in-process tests) have no compiled thread entry: the sandbox runs in-thread.
  if (options.thread && canRunSandboxThread()) return new ThreadedSandboxProcessor(options.sandboxPath, { synchronous: options.synchronous });
  return SandboxProcessor.open(options.sandboxPath, { synchronous: options.synchronous });
}
