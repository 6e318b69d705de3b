import type { AuthorizationRow } from '../sandbox-rows.js';
import { mintSandboxId } from '../sandbox-ids.js';
import type { SandboxRecord } from '../sandbox-record.js';

export interface CapturedFunds {
  chargeId: string;
  captureId: string;
  /** Released by this capture (the rest, on a final capture). */
  released: number;
}

/**
 * Moves `amount` of a held authorization into its charge (created on the first capture, so an
 * authorization never has more than one charge) and closes the authorization when nothing is
 * left or the capture is final. Callers have already checked that `amount` fits.
 */
export function captureFunds(record: SandboxRecord, authorization: AuthorizationRow, amount: number, final: boolean): CapturedFunds {
  const existing = record.chargeOfAuthorization(authorization.id);
  const chargeId = existing?.id ?? mintSandboxId('charge');
  if (existing) record.updateCharge({ ...existing, amount: existing.amount + amount });
  else record.insertCharge({ id: chargeId, authorization_id: authorization.id, amount, currency: authorization.currency, refunded: 0 });

  const captureId = mintSandboxId('capture');
  record.insertCapture({ id: captureId, charge_id: chargeId, amount, final: final ? 1 : 0 });

  const captured = authorization.captured + amount;
  const remaining = authorization.authorized - captured - authorization.released;
  const closes = final || remaining === 0;
  const released = closes ? remaining : 0;
  record.updateAuthorization({
    ...authorization,
    status: closes ? 'captured' : 'authorized',
    captured,
    released: authorization.released + released,
  });
  return { chargeId, captureId, released };
}
