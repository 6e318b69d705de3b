import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 24;

function base62(bytes: Buffer, length: number): string {
  let out = '';
  // 62 does not divide 256: rejecting bytes ≥ 248 keeps every character equally likely.
  for (const b of bytes) {
    if (b >= 248) continue;
    out += ALPHABET[b % 62];
    if (out.length === length) break;
  }
  return out;
}

// One call to the CSPRNG serves many ids: randomBytes per id showed up in request profiles.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function takeRandom(n: number): Buffer {
  if (offset + n > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}

/** A random prefixed id (`ord_…`), 24 base62 characters ≈ 143 bits. */
export function randomId(prefix: string): string {
  let body = '';
  while (body.length < BODY_LENGTH) body += base62(takeRandom(32), BODY_LENGTH - body.length);
  return `${prefix}${body}`;
}

/**
 * Ids minted while serving a request that carries an Idempotency-Key are derived from the key,
 * so a retry after a crash mints the very same ids and lands on the streams the first attempt
 * may already have written (the command path then sees its own events and does not decide
 * twice). The HMAC secret keeps the ids unguessable from the key.
 */
export class IdMinter {
  private readonly counters = new Map<string, number>();

  constructor(private readonly seed?: { secret: string; scope: string }) {}

  next(prefix: string): string {
    if (!this.seed) return randomId(prefix);
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    let body = '';
    for (let round = 0; body.length < BODY_LENGTH; round++) {
      const digest = createHmac('sha256', this.seed.secret).update(`${this.seed.scope}\u0000${prefix}\u0000${n}\u0000${round}`).digest();
      body += base62(digest, BODY_LENGTH - body.length);
    }
    return `${prefix}${body}`;
  }
}
