import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Metadata is a flat map of strings: ≤ 50 keys of 1–40 characters, values ≤ 500 characters. */
export function IsMetadata(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetadata',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an object of at most 50 string values (keys 1–40, values ≤ 500 characters)`, ...options },
      validator: {
        validate(value: unknown) {
          if (value === undefined) return true;
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= 50 && entries.every(([k, v]) => k.length >= 1 && k.length <= 40 && typeof v === 'string' && v.length <= 500);
        },
      },
    });
}
