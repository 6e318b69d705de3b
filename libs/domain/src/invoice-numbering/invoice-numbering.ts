import type { Command, Decider, DomainEvent } from '../core/decider.js';
import { DomainError } from '../core/domain-error.js';
import { isValidId } from '../ids.js';

/*
 * Invoice numbers: one stream per merchant and mode hands out 1, 2, 3… so numbers are unique
 * and increasing under concurrent issues (the append's expected revision decides who gets which).
 * Reserving again for the same invoice gives its number back (a retried issue keeps its number).
 */
export type ReserveInvoiceNumber = Command<'ReserveInvoiceNumber', { invoice_id: string }>;
export type InvoiceNumberReserved = DomainEvent<'InvoiceNumberReserved', { invoice_id: string; sequence: number; occurred_at: string }>;

export interface InvoiceNumberingState {
  last: number;
  byInvoice: Record<string, number>;
}

export const invoiceNumberingDecider: Decider<ReserveInvoiceNumber, InvoiceNumberReserved, InvoiceNumberingState> = {
  initialState: () => ({ last: 0, byInvoice: {} }),
  decide(command, state) {
    const id = command.data.invoice_id;
    if (!isValidId('inv_', id)) throw new DomainError('INVALID_ID', 'validation', 'invoice_id must be an invoice id', 'invoice_id');
    if (state.byInvoice[id] !== undefined) return [];
    return [{ type: 'InvoiceNumberReserved', data: { invoice_id: id, sequence: state.last + 1, occurred_at: command.now } }];
  },
  evolve(state, event) {
    return { last: Math.max(state.last, event.data.sequence), byInvoice: { ...state.byInvoice, [event.data.invoice_id]: event.data.sequence } };
  },
};

/** INV-000042 */
export const formatInvoiceNumber = (sequence: number) => `INV-${String(sequence).padStart(6, '0')}`;
