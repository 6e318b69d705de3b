import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error.js';

interface Failure {
  field: string;
  constraint: string;
  message: string;
}

function firstFailure(errors: ValidationError[], parent = ''): Failure | undefined {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      const [constraint, message] = Object.entries(error.constraints)[0];
      return { field, constraint, message };
    }
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isDefined: 'MISSING_FIELD',
  nestedValidation: 'INVALID_FIELD',
};

/** A body must be a JSON object (or absent): arrays, strings and null never reach a DTO. */
class OrdoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      // No body at all (e.g. `POST …/close` without one) means "no fields", as the docs promise.
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ApiError(400, 'INVALID_BODY', 'the request body must be a JSON object');
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * DTOs reject unknown fields and never coerce types ("12" is not 12, 12.5 is not an integer);
 * the first failing field is reported with a stable code.
 */
export function createValidationPipe(): ValidationPipe {
  return new OrdoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const failure = firstFailure(errors);
      if (!failure) return new ApiError(400, 'INVALID_REQUEST', 'the request is not valid');
      const code = CODE_BY_CONSTRAINT[failure.constraint] ?? 'INVALID_FIELD';
      const message = failure.constraint === 'whitelistValidation' ? `unknown field ${failure.field}` : failure.message;
      return new ApiError(400, code, message, failure.field);
    },
  });
}
