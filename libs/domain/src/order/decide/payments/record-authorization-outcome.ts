import { orderError } from '../../model/order-errors.js';
import { requireOrder } from '../../rules/order-guards.js';
import type { OrderState } from '../../model/order-state.js';
import type { AuthorizationOutcome, RecordAuthorizationOutcome } from '../../model/payment-commands.js';
import type { PaymentActionRequired, PaymentAuthorized, PaymentCaptured, PaymentFailed } from '../../model/payment-events.js';
import { requireIntent, requirePendingAttempt, validateOptionalRecord, validateText, invoiceCredited } from '../../rules/payment-guards.js';
import { AUTHORIZATION_VALIDITY_MS } from '../../model/payment-state.js';

const OFF_SESSION_AUTHENTICATION = 'The bank asks the buyer to authenticate this payment: collect it with the buyer present (checkout, invoice page) instead.';

type AuthorizationEvent = PaymentAuthorized | PaymentCaptured | PaymentActionRequired | PaymentFailed;

/**
 * Records the processor's answer to an authorization, once per attempt key — also on a closed
 * order, so no money movement is ever lost. The answer is a fact: `captured` is recorded as
 * authorized-and-captured whatever the intent's capture method asked for.
 */
export function decideRecordAuthorizationOutcome(command: RecordAuthorizationOutcome, state: OrderState): AuthorizationEvent[] {
  const order = requireOrder(state, command.data.order_id);
  const intent = requireIntent(order, command.data.payment_intent_id);
  const pending = requirePendingAttempt(intent, command.data.attempt_key, 'authorize');
  const outcome = validateOptionalRecord(command.data.outcome, 'outcome') as AuthorizationOutcome;
  const base = { order_id: order.id, payment_intent_id: intent.id, attempt_key: pending.attempt_key, occurred_at: command.now };
  const type = outcome.type;
  switch (type) {
    case 'authorized':
    case 'captured': {
      const authorization_id = validateText(outcome.authorization_id, 'outcome.authorization_id');
      const expires_at = new Date(Date.parse(command.now) + AUTHORIZATION_VALIDITY_MS).toISOString();
      const authorized: PaymentAuthorized = { type: 'PaymentAuthorized', data: { ...base, authorization_id, amount: pending.amount, expires_at } };
      if (type === 'authorized') return [authorized];
      const charge_id = validateText(outcome.charge_id, 'outcome.charge_id');
      const capture_id = validateText(command.data.capture_id, 'capture_id');
      return [authorized, { type: 'PaymentCaptured', data: { ...base, capture_id, charge_id, amount: pending.amount, final: true, ...invoiceCredited(order) } }];
    }
    case 'requires_action': {
      const action_id = validateText(outcome.action_id, 'outcome.action_id');
      // Off-session nobody can answer a challenge: the attempt fails and the balance stays collectible.
      if (intent.off_session) return [{ type: 'PaymentFailed', data: { ...base, failure_type: 'declined', code: 'authentication_required', message: OFF_SESSION_AUTHENTICATION } }];
      return [{ type: 'PaymentActionRequired', data: { ...base, action_id } }];
    }
    case 'declined':
    case 'error':
      return [
        {
          type: 'PaymentFailed',
          data: { ...base, failure_type: type, code: validateText(outcome.code, 'outcome.code'), message: validateText(outcome.message, 'outcome.message') },
        },
      ];
    default:
      return invalidOutcome(type);
  }
}

/** Exhaustive at compile time (the parameter is never), a DomainError at run time: outcomes come from outside. */
/** The data of a processor call that failed (capture, void): which attempt, and why. */
export function failedCall<B extends object>(base: B, attemptKey: string, outcome: { code?: unknown; message?: unknown }): B & { attempt_key: string; code: string; message: string } {
  return { ...base, attempt_key: attemptKey, code: validateText(outcome.code, 'outcome.code'), message: validateText(outcome.message, 'outcome.message') };
}

export function invalidOutcome(type: never): never {
  throw orderError('INVALID_REQUEST', `outcome.type ${JSON.stringify(type)} is not an outcome this step can have`, 'outcome.type');
}
