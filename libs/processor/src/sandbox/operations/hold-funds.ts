import type { AuthorizedResult, CapturedSaleResult } from '../../processor-results.js';
import type { AuthorizationRow } from '../sandbox-rows.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { captureFunds } from './capture-funds.js';

/**
 * The approval path shared by authorize and a passed challenge: put the amount on hold and, for
 * a sale (capture=true), capture all of it at once.
 */
export function holdFunds(record: SandboxRecord, pending: AuthorizationRow): AuthorizedResult | CapturedSaleResult {
  const held: AuthorizationRow = { ...pending, status: 'authorized', authorized: pending.amount };
  record.updateAuthorization(held);
  if (pending.capture === 0) {
    return { status: 'authorized', authorizationId: held.id, amount: held.amount, currency: held.currency };
  }
  const { chargeId } = captureFunds(record, held, held.amount, true);
  return { status: 'captured', chargeId, authorizationId: held.id, amount: held.amount, currency: held.currency };
}
