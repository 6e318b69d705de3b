/**
 * Every failure of a processor call is a ProcessorError with a stable code, so the app can map
 * it to its own error codes without parsing messages. Declines are NOT errors: they are results
 * (the processor answered), see processor-results.ts.
 */
export abstract class ProcessorError extends Error {
  abstract readonly code: string;
}

/** Card data refused at tokenize; nothing was stored. */
export type InvalidCardCode = 'invalid_card_number' | 'invalid_expiry' | 'invalid_cvc';

export class InvalidCardError extends ProcessorError {
  constructor(
    readonly code: InvalidCardCode,
    message: string,
    /** The form field at fault: number, exp_month, exp_year or cvc. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidCardError';
  }
}

/** A malformed request (not a business refusal); not recorded under the idempotency key. */
export type ProcessorValidationCode = 'invalid_request' | 'invalid_amount' | 'invalid_currency' | 'invalid_idempotency_key';

export class ProcessorValidationError extends ProcessorError {
  constructor(
    readonly code: ProcessorValidationCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ProcessorValidationError';
  }
}

/** An id the processor has never issued; not recorded under the idempotency key. */
export type ProcessorNotFoundCode = 'no_such_token' | 'no_such_authorization' | 'no_such_charge' | 'no_such_action';

export class ProcessorNotFoundError extends ProcessorError {
  constructor(
    readonly code: ProcessorNotFoundCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProcessorNotFoundError';
  }
}

/**
 * The processor refused the operation given the state of its own record. This IS the final
 * answer for that idempotency key: it is recorded, and a replay throws it again.
 */
export type ProcessorRejectionCode =
  | 'amount_exceeds_authorized'
  | 'authorization_not_capturable'
  | 'authorization_not_voidable'
  | 'amount_exceeds_refundable'
  | 'action_not_pending';

export class ProcessorRejectedError extends ProcessorError {
  constructor(
    readonly code: ProcessorRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProcessorRejectedError';
  }
}

/** The key was first used for another operation or other parameters: never a second effect. */
export class ProcessorIdempotencyMismatchError extends ProcessorError {
  readonly code = 'idempotency_mismatch';

  constructor(readonly idempotencyKey: string) {
    super(`idempotency key "${idempotencyKey}" was already used with a different operation or parameters`);
    this.name = 'ProcessorIdempotencyMismatchError';
  }
}

/** Live mode with no real processor behind it, or a live call sent to the sandbox. */
export class ProcessorNotConfiguredError extends ProcessorError {
  readonly code = 'PROCESSOR_NOT_CONFIGURED';

  constructor(message = 'no live payment processor is configured; only test mode can move (sandbox) money') {
    super(message);
    this.name = 'ProcessorNotConfiguredError';
  }
}
