import { BatchAbortedError, StoreClosedError, WriterClosedError, WrongExpectedRevisionError, type ExpectedRevision } from '#ordo/event-store';

/** An error as it crosses the writer thread: its class by name and the fields callers look at. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  streamName?: string;
  expected?: ExpectedRevision;
  actual?: bigint | 'no_stream';
}

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const wire: WireError = { name: error.name, message: error.message, code: (error as { code?: unknown }).code as string | undefined };
  if (error instanceof WrongExpectedRevisionError) Object.assign(wire, { streamName: error.streamName, expected: error.expected, actual: error.actual });
  return wire;
}

/** The same class on this side, so `instanceof` checks and codes behave as with the writer in-thread. */
export function fromWire(wire: WireError): Error {
  switch (wire.name) {
    case 'WrongExpectedRevisionError':
      return new WrongExpectedRevisionError(wire.streamName!, wire.expected!, wire.actual!);
    case 'WriterClosedError':
      return new WriterClosedError();
    case 'StoreClosedError':
      return new StoreClosedError();
    case 'BatchAbortedError':
      return Object.assign(new BatchAbortedError(new Error(wire.message)), { message: wire.message });
    default: {
      // SqliteError and the rest: name, message and code (SQLITE_CONSTRAINT_UNIQUE…) survive.
      const error = new Error(wire.message) as Error & { code?: string };
      error.name = wire.name;
      if (wire.code !== undefined) error.code = wire.code;
      return error;
    }
  }
}
