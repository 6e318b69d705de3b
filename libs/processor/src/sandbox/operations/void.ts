import { ProcessorNotFoundError, ProcessorRejectedError } from '../../processor-errors.js';
import type { VoidResult } from '../../processor-results.js';
import type { VoidParams } from '../../validation/validate-requests.js';
import type { SandboxRecord } from '../sandbox-record.js';

/**
 * Cancel or expiry (the caller's scheduler decides when): releases what is still held. A
 * challenge never completed is voided too, releasing nothing since nothing was held. Captures
 * already made stay charged.
 */
export function voidAuthorization(record: SandboxRecord, params: VoidParams): VoidResult {
  const authorization = record.authorization(params.authorizationId);
  if (authorization === undefined) throw new ProcessorNotFoundError('no_such_authorization', 'no such authorization');
  if (authorization.status !== 'authorized' && authorization.status !== 'requires_action') {
    throw new ProcessorRejectedError('authorization_not_voidable', `the authorization is ${authorization.status} and cannot be voided`);
  }
  const released = authorization.authorized - authorization.captured - authorization.released;
  record.updateAuthorization({ ...authorization, status: 'voided', released: authorization.released + released });
  return { status: 'voided', released };
}
