import { validateCard } from '../../cards/validate-card.js';
import { ProcessorNotConfiguredError } from '../../processor-errors.js';
import type { TokenizeRequest } from '../../processor-requests.js';
import type { TokenizeResult } from '../../processor-results.js';
import { oneOfField, optionalIdField, requestObject } from '../../validation/request-fields.js';
import { PROCESSOR_MODES } from '../../validation/validate-requests.js';
import { mintSandboxId } from '../sandbox-ids.js';
import type { SandboxRecord } from '../sandbox-record.js';

/**
 * Card data stops here: it is validated, reduced to brand/last4/expiry and a behaviour, and
 * dropped. Each call mints a new token (no key needed: a token moves no money).
 */
export function tokenize(record: SandboxRecord, request: TokenizeRequest): TokenizeResult {
  requestObject(request);
  if (oneOfField(request.mode, PROCESSOR_MODES, 'mode') === 'live') throw new ProcessorNotConfiguredError('card numbers are accepted only in test mode');
  const { testCard, exp_month, exp_year } = validateCard(request, request.now);
  const token = mintSandboxId('token');
  const card = { brand: testCard.brand, last4: testCard.number.slice(-4), exp_month, exp_year };
  const account = optionalIdField(request.account, 'account') ?? null;
  record.insertToken({ token, ...card, behaviour: testCard.behaviour, account });
  return { token, card };
}
