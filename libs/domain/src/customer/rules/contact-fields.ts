import { validateMetadata, validateName } from '../../order/rules/validation/fields.js';
import { isRecord } from '../../order/rules/validation/fields.js';
import { customerError } from '../customer-errors.js';
import type { Address, CustomerChanges, CustomerDetails } from '../customer-state.js';
import { ISO_COUNTRY_CODES } from './countries.js';

const MAX_EMAIL_LENGTH = 254;
const MAX_ADDRESS_LINE = 200;
// One @, no spaces, a dot in the domain: what a form would accept; deliverability is not ours to judge.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// E.164: a plus, a country code and up to 15 digits in all.
const PHONE = /^\+[1-9]\d{6,14}$/;
const DETAIL_FIELDS = ['name', 'email', 'phone', 'address', 'metadata'] as const;

/** Absent or null → null. Trimmed; kept as written, compared lower-cased by searches. */
export function validateEmail(value: unknown, field = 'email'): string | null {
  if (value === undefined || value === null) return null;
  const email = typeof value === 'string' ? value.trim() : '';
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) throw customerError('INVALID_EMAIL', `${field} must be an email address such as jane@example.com`, field);
  return email;
}

export function validatePhone(value: unknown, field = 'phone'): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !PHONE.test(value)) throw customerError('INVALID_PHONE', `${field} must be an E.164 number such as +14155550123`, field);
  return value;
}

function addressLine(value: unknown, field: string, required: boolean): string | null {
  if (!required && (value === undefined || value === null)) return null;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < 1 || [...text].length > MAX_ADDRESS_LINE) {
    throw customerError('INVALID_ADDRESS', `${field} must be a string of 1 to ${MAX_ADDRESS_LINE} characters`, field);
  }
  return text;
}

/** Absent or null → null. `line1` and `country` are required; the country is upper-cased. */
export function validateAddress(value: unknown, field = 'address'): Address | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw customerError('INVALID_ADDRESS', `${field} must be an object { line1, line2, city, state, postal_code, country }`, field);
  const unknown = Object.keys(value).find((k) => !['line1', 'line2', 'city', 'state', 'postal_code', 'country'].includes(k));
  if (unknown) throw customerError('INVALID_ADDRESS', `${field}.${unknown} is not an address field`, `${field}.${unknown}`);
  const country = typeof value.country === 'string' ? value.country.toUpperCase() : '';
  if (!ISO_COUNTRY_CODES.has(country)) throw customerError('INVALID_COUNTRY', `${field}.country must be an ISO 3166-1 alpha-2 code such as "US" or "DE"`, `${field}.country`);
  return {
    line1: addressLine(value.line1, `${field}.line1`, true)!,
    line2: addressLine(value.line2, `${field}.line2`, false),
    city: addressLine(value.city, `${field}.city`, false),
    state: addressLine(value.state, `${field}.state`, false),
    postal_code: addressLine(value.postal_code, `${field}.postal_code`, false),
    country,
  };
}

/** Every detail of a new customer; each may be absent. */
export function validateCustomerDetails(input: Record<string, unknown>): CustomerDetails {
  return {
    name: input.name === undefined || input.name === null ? null : validateName(input.name, 'name'),
    email: validateEmail(input.email),
    phone: validatePhone(input.phone),
    address: validateAddress(input.address),
    metadata: validateMetadata(input.metadata, 'metadata'),
  };
}

/** The fields a change names (null clears one; metadata replaces the whole map). */
export function validateCustomerChanges(value: unknown): CustomerChanges {
  if (!isRecord(value)) throw customerError('NO_CHANGES', 'changes must be an object naming at least one field', 'changes');
  const named = DETAIL_FIELDS.filter((f) => f in value);
  if (named.length === 0) throw customerError('NO_CHANGES', `name at least one of ${DETAIL_FIELDS.join(', ')}`, 'changes');
  const details = validateCustomerDetails({ ...value, metadata: value.metadata ?? undefined });
  const changes: CustomerChanges = {};
  for (const f of named) (changes as Record<string, unknown>)[f] = f === 'metadata' && value.metadata === null ? {} : details[f];
  return changes;
}
