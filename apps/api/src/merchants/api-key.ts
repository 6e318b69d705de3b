import { createHash } from 'node:crypto';
import { randomId } from '../platform/ids.js';

export type Mode = 'test' | 'live';

const KEY_PATTERN = /^ordo_(test|live)_[A-Za-z0-9]{24,64}$/;

/** A new secret key; the clear value is returned once and only its hash is ever stored. */
export function mintApiKey(mode: Mode): { key: string; hash: string; hint: string } {
  const key = randomId(`ordo_${mode}_`) + randomId('').slice(0, 8);
  return { key, hash: hashApiKey(key), hint: `ordo_${mode}_…${key.slice(-4)}` };
}

/** Keys carry ≥ 143 random bits, so a plain SHA-256 is enough (no stretching needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseApiKey(key: string): { mode: Mode } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { mode: match[1] as Mode } : undefined;
}
