import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isIsoDateOrInstant } from '#ordo/domain';

/** A class-validator decorator from a plain predicate (absent values pass: pair with @IsOptional / @IsDefined). */
export function satisfies(name: string, test: (value: unknown) => boolean, message: (property: string) => string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: message(propertyName), ...options },
      validator: { validate: (value: unknown) => value === undefined || test(value) },
    });
}

/** `YYYY-MM-DD` or an ISO 8601 time with a zone, on a day that exists. */
export const IsIsoDateOrInstant = () =>
  satisfies('isIsoDateOrInstant', isIsoDateOrInstant, (p) => `${p} must be an ISO-8601 date (YYYY-MM-DD) or a time with a zone, on a day that exists`);

/** `YYYY-MM-DD`, a day that exists (null passes: pair with ValidateIf when null is not allowed). */
export const IsCalendarDate = () => satisfies('isCalendarDate', (v) => v === null || isCalendarDate(v), (p) => `${p} must be a date written YYYY-MM-DD that exists`);
