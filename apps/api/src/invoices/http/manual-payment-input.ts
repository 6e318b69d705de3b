import { ApiError } from '../../platform/api-error.js';
import type { ManualPaymentInput } from '../application/invoices.service.js';
import type { RecordManualPaymentDto } from './invoice-requests.dto.js';

/** A currency, when given, must be the order's (manual money is recorded in the order's currency). */
export function requireOrderCurrency(dto: { currency?: string }, currency: string): void {
  if (dto.currency !== undefined && dto.currency !== currency) {
    throw new ApiError(422, 'CURRENCY_MISMATCH', `currency is ${dto.currency} but the order is in ${currency}`, 'currency');
  }
}

export function toManualPaymentInput(dto: RecordManualPaymentDto): ManualPaymentInput {
  return {
    amount: dto.amount,
    method: dto.method,
    receivedAt: dto.received_at,
    ...(dto.reference !== undefined ? { reference: dto.reference } : {}),
    ...(dto.note !== undefined ? { note: dto.note } : {}),
  };
}
