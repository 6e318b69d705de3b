import { deciderSpec } from '../testing/decider-spec.js';
import { formatInvoiceNumber, invoiceNumberingDecider, type InvoiceNumberReserved } from './invoice-numbering.js';

const spec = deciderSpec(invoiceNumberingDecider);
const NOW = '2025-03-01T10:05:00.000Z';
const INV_1 = 'inv_0000000000000001';
const INV_2 = 'inv_0000000000000002';
const reserved = (invoice_id: string, sequence: number): InvoiceNumberReserved => ({ type: 'InvoiceNumberReserved', data: { invoice_id, sequence, occurred_at: NOW } });
const reserve = (invoice_id: string) => ({ type: 'ReserveInvoiceNumber' as const, data: { invoice_id }, now: NOW });

describe('invoice numbering', () => {
  it('hands out 1, then the next number', () => {
    spec.given([]).when(reserve(INV_1)).then([reserved(INV_1, 1)]);
    spec.given([reserved(INV_1, 1)]).when(reserve(INV_2)).then([reserved(INV_2, 2)]);
  });

  it('gives an invoice its number once: a retry reserves nothing new', () => {
    spec.given([reserved(INV_1, 1), reserved(INV_2, 2)]).when(reserve(INV_1)).thenNothingHappens();
  });

  it('refuses a malformed invoice id with INVALID_ID', () => {
    spec.given([]).when(reserve('ord_0000000000000001')).thenThrows('INVALID_ID', { kind: 'validation' });
  });

  it('formats numbers with six digits', () => {
    expect(formatInvoiceNumber(42)).toBe('INV-000042');
    expect(formatInvoiceNumber(1234567)).toBe('INV-1234567');
  });
});
