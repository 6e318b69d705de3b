import type {
  AuthorizeRequest,
  CaptureRequest,
  CompleteActionRequest,
  ProcessorMode,
  RefundRequest,
  VoidRequest,
} from '../processor-requests.js';
import { booleanField, currencyField, idempotencyKeyField, idField, oneOfField, optionalIdField, positiveAmountField, requestObject } from './request-fields.js';

/**
 * Each validator returns the key and a clean copy of the other parameters: exactly what is
 * hashed to recognise a replay, so unknown extra fields never make two equal requests differ.
 */
export interface Validated<P> {
  idempotencyKey: string;
  params: P;
}

export const PROCESSOR_MODES: readonly ProcessorMode[] = ['test', 'live'];

export type AuthorizeParams = Omit<AuthorizeRequest, 'idempotencyKey'>;
export type CompleteActionParams = Omit<CompleteActionRequest, 'idempotencyKey'>;
export type CaptureParams = Omit<CaptureRequest, 'idempotencyKey'>;
export type VoidParams = Omit<VoidRequest, 'idempotencyKey'>;
export type RefundParams = Omit<RefundRequest, 'idempotencyKey'>;

export function validateAuthorize(request: AuthorizeRequest): Validated<AuthorizeParams> {
  requestObject(request);
  return {
    idempotencyKey: idempotencyKeyField(request.idempotencyKey),
    params: {
      token: idField(request.token, 'token'),
      amount: positiveAmountField(request.amount),
      currency: currencyField(request.currency),
      capture: booleanField(request.capture, 'capture'),
      mode: oneOfField(request.mode, PROCESSOR_MODES, 'mode'),
      reference: optionalIdField(request.reference, 'reference'),
      // Only when set, so the hash of an on-session request is what it always was.
      ...(request.offSession === undefined || request.offSession === false ? {} : { offSession: booleanField(request.offSession, 'offSession') }),
    },
  };
}

export function validateCompleteAction(request: CompleteActionRequest): Validated<CompleteActionParams> {
  requestObject(request);
  return {
    idempotencyKey: idempotencyKeyField(request.idempotencyKey),
    params: {
      actionId: idField(request.actionId, 'actionId'),
      outcome: oneOfField(request.outcome, ['approve', 'fail'] as const, 'outcome'),
    },
  };
}

export function validateCapture(request: CaptureRequest): Validated<CaptureParams> {
  requestObject(request);
  return {
    idempotencyKey: idempotencyKeyField(request.idempotencyKey),
    params: {
      authorizationId: idField(request.authorizationId, 'authorizationId'),
      amount: positiveAmountField(request.amount),
      final: booleanField(request.final, 'final'),
    },
  };
}

export function validateVoid(request: VoidRequest): Validated<VoidParams> {
  requestObject(request);
  return {
    idempotencyKey: idempotencyKeyField(request.idempotencyKey),
    params: { authorizationId: idField(request.authorizationId, 'authorizationId') },
  };
}

export function validateRefund(request: RefundRequest): Validated<RefundParams> {
  requestObject(request);
  return {
    idempotencyKey: idempotencyKeyField(request.idempotencyKey),
    params: {
      chargeId: idField(request.chargeId, 'chargeId'),
      amount: positiveAmountField(request.amount),
    },
  };
}
