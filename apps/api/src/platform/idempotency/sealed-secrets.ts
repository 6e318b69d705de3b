import type { SecretBox } from '../secret-box.js';

/*
 * A response that shows a secret once (a webhook endpoint's signing secret, as `data.secret`) must
 * still replay under its Idempotency-Key, or a client whose first answer got lost never learns
 * the secret. The stored copy holds it sealed; the replay opens it.
 */

type Enveloped = { data?: Record<string, unknown> };
const SEALED = 'sealed_secret';

export function sealForStorage(body: unknown, box: SecretBox): unknown {
  const data = (body as Enveloped | null)?.data;
  if (!data || typeof data.secret !== 'string') return body;
  const { secret, ...rest } = data;
  return { ...(body as object), data: { ...rest, [SEALED]: box.seal(secret) } };
}

export function openFromStorage(body: unknown, box: SecretBox): unknown {
  const data = (body as Enveloped | null)?.data;
  if (!data || typeof data[SEALED] !== 'string') return body;
  const { [SEALED]: sealed, ...rest } = data;
  return { ...(body as object), data: { ...rest, secret: box.open(sealed as string) } };
}
