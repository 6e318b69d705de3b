import { ProcessorNotFoundError, ProcessorRejectedError } from '../../processor-errors.js';
import type { RefundResult } from '../../processor-results.js';
import type { RefundParams } from '../../validation/validate-requests.js';
import { mintSandboxId } from '../sandbox-ids.js';
import type { SandboxRecord } from '../sandbox-record.js';

/**
 * Refundable = charged − refunded so far (failed refunds returned nothing, so they do not
 * count). The refund_fails card answers `failed` after the limit check, like a bank bouncing
 * a refund the processor accepted.
 */
export function refund(record: SandboxRecord, params: RefundParams): RefundResult {
  const charge = record.charge(params.chargeId);
  if (charge === undefined) throw new ProcessorNotFoundError('no_such_charge', 'no such charge');
  const refundable = charge.amount - charge.refunded;
  if (params.amount > refundable) {
    throw new ProcessorRejectedError('amount_exceeds_refundable', `refund of ${params.amount} exceeds the ${refundable} still refundable`);
  }
  const authorization = record.authorization(charge.authorization_id);
  const behaviour = authorization === undefined ? undefined : record.token(authorization.token)?.behaviour;
  const refundId = mintSandboxId('refund');
  if (behaviour === 'refund_fails') {
    record.insertRefund({ id: refundId, charge_id: charge.id, amount: params.amount, status: 'failed', failure_code: 'refund_failed' });
    return { status: 'failed', code: 'refund_failed', refundId, amount: params.amount };
  }
  record.insertRefund({ id: refundId, charge_id: charge.id, amount: params.amount, status: 'succeeded', failure_code: null });
  record.updateCharge({ ...charge, refunded: charge.refunded + params.amount });
  return { status: 'succeeded', refundId, amount: params.amount };
}
