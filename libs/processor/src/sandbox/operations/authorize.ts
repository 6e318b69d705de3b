import { ProcessorNotFoundError } from '../../processor-errors.js';
import type { AuthorizeResult, DeclineCode } from '../../processor-results.js';
import type { AuthorizeParams } from '../../validation/validate-requests.js';
import type { AuthorizationRow, AuthorizationStatus } from '../sandbox-rows.js';
import { mintSandboxId } from '../sandbox-ids.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { DECLINE_MESSAGES } from './decline-messages.js';
import { holdFunds } from './hold-funds.js';

const DECLINING: ReadonlySet<string> = new Set<DeclineCode>(['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc']);

/**
 * Every call that reaches a card leaves an authorization row, declines and errors included:
 * it is the processor's attempt history (and what the processing_error card counts).
 * The caller has already refused live mode.
 */
export function authorize(record: SandboxRecord, params: AuthorizeParams): AuthorizeResult {
  const token = record.token(params.token);
  if (token === undefined) throw new ProcessorNotFoundError('no_such_token', 'no such token');

  const row = (status: AuthorizationStatus, extra: Partial<AuthorizationRow> = {}): AuthorizationRow => ({
    id: mintSandboxId('authorization'),
    token: token.token,
    reference: params.reference ?? null,
    amount: params.amount,
    currency: params.currency,
    capture: params.capture ? 1 : 0,
    status,
    authorized: 0,
    captured: 0,
    released: 0,
    action_id: null,
    decline_code: null,
    ...extra,
  });

  const decline = (code: DeclineCode): AuthorizeResult => {
    record.insertAuthorization(row('declined', { decline_code: code }));
    return { status: 'declined', code, message: DECLINE_MESSAGES[code] };
  };
  if (DECLINING.has(token.behaviour)) return decline(token.behaviour as DeclineCode);
  // Nobody is there to answer a challenge off-session: the bank's "authenticate" is a decline.
  if (params.offSession && (token.behaviour === 'requires_action' || token.behaviour === 'authentication_required_off_session')) return decline('authentication_required');
  if (token.behaviour === 'declines_after_three_charges' && record.approvalsOnToken(token.token) >= 3) return decline('card_declined');
  // Odd attempts fail, even ones succeed: "a retry with a new key works" holds on every retry pair.
  // (Counted only for this card: a count over a busy token's rows is not free.)
  if (token.behaviour === 'processing_error' && (record.attemptsOnToken(token.token) + 1) % 2 === 1) {
    record.insertAuthorization(row('errored', { decline_code: 'processing_error' }));
    return { status: 'error', code: 'processing_error', retryable: true };
  }
  if (token.behaviour === 'requires_action') {
    const pending = row('requires_action', { action_id: mintSandboxId('action') });
    record.insertAuthorization(pending);
    return { status: 'requires_action', actionId: pending.action_id as string, authorizationId: pending.id };
  }
  const approved = row('authorized');
  record.insertAuthorization(approved);
  return holdFunds(record, approved);
}
