import { ProcessorError, ProcessorIdempotencyMismatchError, ProcessorNotConfiguredError, ProcessorValidationError } from '#ordo/processor';
import { ApiError } from '../../platform/api-error.js';

/**
 * A processor error thrown where no outcome can be recorded (the processor stored nothing for
 * the key) becomes a 4xx with the processor's code: 422 for refusals, 409 for a key clash.
 * Never a 503: the sandbox is in-process, so "unavailable" would be a bug, not a state.
 */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof ProcessorError)) return error;
  if (error instanceof ProcessorNotConfiguredError) return new ApiError(422, 'PROCESSOR_NOT_CONFIGURED', error.message);
  if (error instanceof ProcessorIdempotencyMismatchError) return new ApiError(409, 'PROCESSOR_IDEMPOTENCY_MISMATCH', error.message);
  const field = error instanceof ProcessorValidationError ? error.field : undefined;
  // Not-found (no_such_token…), validation and rejection codes keep the processor's word, upper-cased like ours.
  return new ApiError(422, error.code.toUpperCase(), error.message, field);
}
