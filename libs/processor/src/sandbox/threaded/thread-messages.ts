import type { PaymentProcessor } from '../../processor.port.js';
import type { WireError } from './processor-error-wire.js';

export type ProcessorMethod = Exclude<keyof PaymentProcessor, 'close'>;

export type ThreadRequest = { id: number; method: ProcessorMethod; args: unknown[] } | { id: number; method: 'close' };

export type ThreadReply =
  | { ready: true }
  | { ready: false; error: WireError }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError };
