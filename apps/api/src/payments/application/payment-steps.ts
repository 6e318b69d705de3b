import { Injectable } from '@nestjs/common';
import { DomainError, type ExistingOrder, type OrderCommand, type PaymentIntent, type Refund } from '#ordo/domain';
import { OrderCommands, type Caller, type OrderHistory } from '../../orders/application/order-commands.js';
import { PaymentProcessors } from '../processor/payment-processors.js';
import { toApiError } from '../processor/processor-error-map.js';
import { invoke, type CallOutcome, type ProcessorCall } from './processor-call.js';

/** The capture an automatic sale records is named after its attempt, so a recovery names it alike. */
export const captureIdFor = (attemptKey: string) => `cap_${attemptKey.replace(/^att_/, '')}`;

/**
 * The three steps every processor call takes: (1) a command records the attempt and its key,
 * (2) the processor is called with that key, (3) a command records the answer for that key.
 * Used by the live use cases and by the recovery job, so both describe a call the same way.
 * The commands themselves go through OrderCommands, the one way into order streams.
 */
@Injectable()
export class PaymentSteps {
  constructor(
    private readonly orders: OrderCommands,
    private readonly processors: PaymentProcessors,
  ) {}

  /**
   * The call a pending attempt of an intent stands for. A challenge completion is told apart by
   * its start event (action_result), and its action id comes from the last challenge: the state
   * forgets both once the completion starts.
   */
  callForIntent(caller: Caller, order: ExistingOrder, intent: PaymentIntent, events: OrderHistory): ProcessorCall | undefined {
    const pending = intent.pending;
    if (!pending) return undefined;
    const key = pending.attempt_key;
    switch (pending.operation) {
      case 'authorize': {
        const started = events.find((e) => e.type === 'PaymentProcessingStarted' && e.data.attempt_key === key);
        const actionResult = started?.data.action_result as 'approve' | 'fail' | null | undefined;
        if (actionResult) {
          const challenge = events.filter((e) => e.type === 'PaymentActionRequired' && e.data.payment_intent_id === intent.id).pop();
          return { op: 'complete_action', key, actionId: String(challenge?.data.action_id), outcome: actionResult };
        }
        return {
          op: 'authorize',
          key,
          token: intent.payment_method!.token,
          amount: pending.amount,
          currency: intent.currency,
          capture: pending.capture,
          reference: intent.id,
          mode: caller.mode,
          offSession: intent.off_session === true,
        };
      }
      case 'capture':
        return { op: 'capture', key, authorizationId: intent.authorization_id!, amount: pending.amount, final: pending.final };
      case 'void':
        return { op: 'void', key, authorizationId: intent.authorization_id! };
    }
  }

  /** One processor refund per part still pending (a refund spread over payments has several). */
  callsForRefund(order: ExistingOrder, refund: Refund): ProcessorCall[] {
    return refund.parts.flatMap((part) => {
      if (part.status !== 'pending') return [];
      // Every capture of one authorization adds to one charge at the processor.
      const chargeId = order.payment_intents.find((pi) => pi.id === part.payment_intent_id)?.captures[0]?.charge_id;
      return chargeId ? [{ op: 'refund' as const, key: part.attempt_key, chargeId, amount: part.amount }] : [];
    });
  }

  /** Step 2 and 3 together: the live path. */
  async callAndRecord(caller: Caller, orderId: string, subjectId: string, call: ProcessorCall): Promise<void> {
    const outcome = await invoke(this.processors.require(caller.mode), call).catch((error: unknown) => {
      throw toApiError(error);
    });
    await this.record(caller, orderId, subjectId, call.key, outcome);
  }

  /** Step 3. Someone else (the recovery job, a racing retry) recording it first is fine. */
  async record(caller: Caller, orderId: string, subjectId: string, attemptKey: string, answer: CallOutcome): Promise<void> {
    const base = { order_id: orderId, attempt_key: attemptKey };
    const command: Omit<OrderCommand, 'now'> =
      answer.op === 'authorize' || answer.op === 'complete_action'
        ? { type: 'RecordAuthorizationOutcome', data: { ...base, payment_intent_id: subjectId, outcome: answer.outcome, capture_id: captureIdFor(attemptKey) } }
        : answer.op === 'capture'
          ? { type: 'RecordCaptureOutcome', data: { ...base, payment_intent_id: subjectId, outcome: answer.outcome } }
          : answer.op === 'void'
            ? { type: 'RecordVoidOutcome', data: { ...base, payment_intent_id: subjectId, outcome: answer.outcome } }
            : { type: 'RecordRefundOutcome', data: { ...base, refund_id: subjectId, outcome: answer.outcome } };
    try {
      await this.orders.run(caller, orderId, command);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PAYMENT_ATTEMPT_ALREADY_SETTLED') return;
      throw error;
    }
  }
}
