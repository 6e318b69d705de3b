import type { ManualPaymentInput } from '../application/invoices.service.js';
import type { RecordManualPaymentDto } from './invoice-requests.dto.js';

export function toManualPaymentInput(dto: RecordManualPaymentDto): ManualPaymentInput {
  return {
    amountMoney: dto.amount_money,
    method: dto.method,
    receivedAt: dto.received_at,
    ...(dto.reference !== undefined ? { reference: dto.reference } : {}),
    ...(dto.note !== undefined ? { note: dto.note } : {}),
  };
}
