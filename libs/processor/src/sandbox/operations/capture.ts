import { ProcessorNotFoundError, ProcessorRejectedError } from '../../processor-errors.js';
import type { CaptureResult } from '../../processor-results.js';
import type { CaptureParams } from '../../validation/validate-requests.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { captureFunds } from './capture-funds.js';

/** Only a held, still-open authorization can be captured, and never beyond what remains. */
export function capture(record: SandboxRecord, params: CaptureParams): CaptureResult {
  const authorization = record.authorization(params.authorizationId);
  if (authorization === undefined) throw new ProcessorNotFoundError('no_such_authorization', 'no such authorization');
  if (authorization.status !== 'authorized') {
    throw new ProcessorRejectedError('authorization_not_capturable', `the authorization is ${authorization.status} and cannot be captured`);
  }
  const remaining = authorization.authorized - authorization.captured - authorization.released;
  if (params.amount > remaining) {
    throw new ProcessorRejectedError('amount_exceeds_authorized', `capture of ${params.amount} exceeds the ${remaining} still authorized`);
  }
  const { chargeId, released } = captureFunds(record, authorization, params.amount, params.final);
  return { status: 'captured', chargeId, amount: params.amount, currency: authorization.currency, released };
}
