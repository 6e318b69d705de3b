import type { AuthorizationOutcome, CaptureOutcome, RefundOutcome, VoidOutcome } from '#ordo/domain';
import { ProcessorError, ProcessorIdempotencyMismatchError, ProcessorNotConfiguredError, type PaymentProcessor, type ProcessorRecord, type ProcessorResult } from '#ordo/processor';

/**
 * One processor call, described by the started attempt it serves. The attempt key is the
 * processor's idempotency key, so describing the same attempt twice (live request, then the
 * recovery job) can only replay the first call, never move money twice.
 */
export type ProcessorCall =
  | { op: 'authorize'; key: string; token: string; amount: number; currency: string; capture: boolean; reference: string; mode: 'test' | 'live'; offSession: boolean }
  | { op: 'complete_action'; key: string; actionId: string; outcome: 'approve' | 'fail' }
  | { op: 'capture'; key: string; authorizationId: string; amount: number; final: boolean }
  | { op: 'void'; key: string; authorizationId: string }
  | { op: 'refund'; key: string; chargeId: string; amount: number };

export type CallOutcome =
  | { op: 'authorize' | 'complete_action'; outcome: AuthorizationOutcome }
  | { op: 'capture'; outcome: CaptureOutcome }
  | { op: 'void'; outcome: VoidOutcome }
  | { op: 'refund'; outcome: RefundOutcome };

type Answer = { result: ProcessorResult } | { refused: { code: string; message: string } };

/** Runs the call and turns whatever the processor answered into the outcome to record. */
export async function invoke(processor: PaymentProcessor, call: ProcessorCall): Promise<CallOutcome> {
  try {
    return outcomeOf(call, { result: await send(processor, call) });
  } catch (error) {
    // Not-configured and key clashes say nothing about the attempt: leave it pending.
    if (!(error instanceof ProcessorError) || error instanceof ProcessorNotConfiguredError || error instanceof ProcessorIdempotencyMismatchError) throw error;
    // A refusal (stored under the key) or a validation/not-found error (nothing stored, nothing
    // moved): either way this attempt moved no money, and recording that settles it.
    return outcomeOf(call, { refused: { code: error.code, message: error.message } });
  }
}

/** The outcome the processor stored for the key (recovery), or undefined if it never saw it. */
export function outcomeOfRecord(call: ProcessorCall, record: ProcessorRecord | undefined): CallOutcome | undefined {
  if (!record) return undefined;
  return outcomeOf(call, record.outcome === 'result' ? { result: record.result } : { refused: record.error });
}

function send(processor: PaymentProcessor, call: ProcessorCall): Promise<ProcessorResult> {
  switch (call.op) {
    case 'authorize':
      return processor.authorize({
        idempotencyKey: call.key,
        token: call.token,
        amount: call.amount,
        currency: call.currency,
        capture: call.capture,
        mode: call.mode,
        reference: call.reference,
        ...(call.offSession ? { offSession: true } : {}),
      });
    case 'complete_action':
      return processor.completeAction({ idempotencyKey: call.key, actionId: call.actionId, outcome: call.outcome });
    case 'capture':
      return processor.capture({ idempotencyKey: call.key, authorizationId: call.authorizationId, amount: call.amount, final: call.final });
    case 'void':
      return processor.void({ idempotencyKey: call.key, authorizationId: call.authorizationId });
    case 'refund':
      return processor.refund({ idempotencyKey: call.key, chargeId: call.chargeId, amount: call.amount });
  }
}

function outcomeOf(call: ProcessorCall, answer: Answer): CallOutcome {
  const refused = 'refused' in answer ? answer.refused : undefined;
  const r = 'result' in answer ? (answer.result as ProcessorResult & { status: string }) : undefined;
  switch (call.op) {
    case 'authorize':
    case 'complete_action': {
      if (refused || !r) return { op: call.op, outcome: { type: 'error', code: refused?.code ?? 'processing_error', message: refused?.message ?? 'no answer' } };
      const a = r as Extract<ProcessorResult, { status: 'authorized' | 'captured' | 'declined' | 'requires_action' | 'error' }>;
      if (a.status === 'authorized') return { op: call.op, outcome: { type: 'authorized', authorization_id: a.authorizationId } };
      if (a.status === 'captured' && 'authorizationId' in a) return { op: call.op, outcome: { type: 'captured', authorization_id: a.authorizationId, charge_id: a.chargeId } };
      if (a.status === 'requires_action') return { op: call.op, outcome: { type: 'requires_action', action_id: a.actionId } };
      if (a.status === 'declined') return { op: call.op, outcome: { type: 'declined', code: a.code, message: a.message } };
      return { op: call.op, outcome: { type: 'error', code: 'processing_error', message: 'the processor failed before deciding; nothing was authorized' } };
    }
    case 'capture':
      if (refused || r?.status !== 'captured' || !('chargeId' in r!)) return { op: 'capture', outcome: { type: 'failed', code: refused?.code ?? 'capture_failed', message: refused?.message ?? 'capture failed' } };
      return { op: 'capture', outcome: { type: 'captured', charge_id: (r as { chargeId: string }).chargeId } };
    case 'void':
      if (refused || r?.status !== 'voided') return { op: 'void', outcome: { type: 'failed', code: refused?.code ?? 'void_failed', message: refused?.message ?? 'void failed' } };
      return { op: 'void', outcome: { type: 'voided' } };
    case 'refund': {
      if (refused || !r) return { op: 'refund', outcome: { type: 'failed', code: refused?.code ?? 'refund_failed' } };
      const f = r as Extract<ProcessorResult, { refundId: string }>;
      return { op: 'refund', outcome: f.status === 'succeeded' ? { type: 'succeeded', processor_refund_id: f.refundId } : { type: 'failed', code: f.code } };
    }
  }
}
