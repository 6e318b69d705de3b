import {
  InvalidCardError,
  ProcessorError,
  ProcessorIdempotencyMismatchError,
  ProcessorNotConfiguredError,
  ProcessorNotFoundError,
  ProcessorRejectedError,
  ProcessorValidationError,
  type InvalidCardCode,
  type ProcessorNotFoundCode,
  type ProcessorRejectionCode,
  type ProcessorValidationCode,
} from '../../processor-errors.js';

/** A processor error as it crosses a thread: its class by name and the fields it carries. */
export interface WireError {
  name: string;
  code?: string;
  message: string;
  field?: string;
  idempotencyKey?: string;
}

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Error & { code?: string; field?: string; idempotencyKey?: string };
  return { name: error.name, message: error.message, code: fields.code, field: fields.field, idempotencyKey: fields.idempotencyKey };
}

/** The same class on this side, so callers' `instanceof` checks and codes behave as in one thread. */
export function fromWire(wire: WireError): Error {
  switch (wire.name) {
    case 'InvalidCardError':
      return new InvalidCardError(wire.code as InvalidCardCode, wire.message, wire.field ?? '');
    case 'ProcessorValidationError':
      return new ProcessorValidationError(wire.code as ProcessorValidationCode, wire.message, wire.field ?? '');
    case 'ProcessorNotFoundError':
      return new ProcessorNotFoundError(wire.code as ProcessorNotFoundCode, wire.message);
    case 'ProcessorRejectedError':
      return new ProcessorRejectedError(wire.code as ProcessorRejectionCode, wire.message);
    case 'ProcessorIdempotencyMismatchError':
      return new ProcessorIdempotencyMismatchError(wire.idempotencyKey ?? '');
    case 'ProcessorNotConfiguredError':
      return new ProcessorNotConfiguredError(wire.message);
    default: {
      const error = new Error(wire.message);
      error.name = wire.name;
      return error;
    }
  }
}

export const isProcessorError = (error: unknown): error is ProcessorError => error instanceof ProcessorError;
