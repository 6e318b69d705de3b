import { randomBytes } from 'node:crypto';

/** Prefixes in the style of a card processor's ids, distinct from Ordo's own (pi_, ref_ …). */
export const SANDBOX_ID_PREFIXES = {
  token: 'tok_',
  authorization: 'auth_',
  action: 'act_',
  charge: 'ch_',
  capture: 'cap_',
  refund: 're_',
} as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 24 base62 characters (≈ 142 random bits). Random rather than derived from the idempotency
 * key: a replay returns the stored answer, so ids never need to be re-derived; tokens have no
 * key at all, and must not be derivable from the card.
 */
export function mintSandboxId(kind: keyof typeof SANDBOX_ID_PREFIXES): string {
  let body = '';
  while (body.length < 24) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
      if (byte < 248 && body.length < 24) body += ALPHABET[byte % 62];
    }
  }
  return SANDBOX_ID_PREFIXES[kind] + body;
}
