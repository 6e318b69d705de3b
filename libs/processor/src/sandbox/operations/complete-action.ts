import { ProcessorNotFoundError, ProcessorRejectedError } from '../../processor-errors.js';
import type { CompleteActionResult } from '../../processor-results.js';
import type { CompleteActionParams } from '../../validation/validate-requests.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { DECLINE_MESSAGES } from './decline-messages.js';
import { holdFunds } from './hold-funds.js';

/** Resolves a challenge once: approve → the authorize result that was waiting; fail → declined. */
export function completeAction(record: SandboxRecord, params: CompleteActionParams): CompleteActionResult {
  const pending = record.authorizationByAction(params.actionId);
  if (pending === undefined) throw new ProcessorNotFoundError('no_such_action', 'no such action');
  if (pending.status !== 'requires_action') {
    throw new ProcessorRejectedError('action_not_pending', `the action was already resolved (authorization is ${pending.status})`);
  }
  if (params.outcome === 'approve') return holdFunds(record, pending);
  record.updateAuthorization({ ...pending, status: 'declined', decline_code: 'authentication_failed' });
  return { status: 'declined', code: 'authentication_failed', message: DECLINE_MESSAGES.authentication_failed };
}
