import { orderDecider } from '../../order-decider.js';
import { INV_1, invoiceCreated, invoiceIssued, manualPaymentRecorded } from '../../../testing/collection-fixtures.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { ORDER_100 } from '../../../testing/payment-fixtures.js';
import type { ReminderKind } from '../../model/invoice-state.js';

const spec = deciderSpec(orderDecider);
const ISSUED = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued()];
const remind = (kind: ReminderKind = 'manual', step: number | null = null) => command('SendInvoiceReminder', { order_id: ORDER_ID, invoice_id: INV_1, kind, step });
const sent = (sequence: number, kind: ReminderKind, amount_due: number, step: number | null = null) => ({
  type: 'InvoiceReminderSent' as const,
  data: { order_id: ORDER_ID, invoice_id: INV_1, sequence, kind, step, amount_due, occurred_at: NOW },
});

describe('SendInvoiceReminder', () => {
  it('records a numbered reminder with what is still due', () => {
    spec.given([...ISSUED, manualPaymentRecorded(4000)]).when(remind()).then([sent(1, 'manual', 6000)]);
    spec.given([...ISSUED, sent(1, 'before_due', 10000)]).when(remind('overdue')).then([sent(2, 'overdue', 10000)]);
  });

  it('sends a scheduled step once: the same step again records nothing (two schedulers cannot double it)', () => {
    spec.given(ISSUED).when(remind('before_due', 0)).then([sent(1, 'before_due', 10000, 0)]);
    spec.given([...ISSUED, sent(1, 'before_due', 10000, 0)]).when(remind('before_due', 0)).thenNothingHappens();
    spec.given([...ISSUED, sent(1, 'before_due', 10000, 0)]).when(remind('due', 1)).then([sent(2, 'due', 10000, 1)]);
    spec.given(ISSUED).when(remind('due', -1)).thenThrows('INVALID_REQUEST', { field: 'step' });
  });

  it('refuses a paid invoice with INVOICE_PAID and a draft with INVOICE_NOT_OPEN', () => {
    spec.given([...ISSUED, manualPaymentRecorded(10000)]).when(remind()).thenThrows('INVOICE_PAID');
    spec.given(ISSUED.slice(0, -1)).when(remind()).thenThrows('INVOICE_NOT_OPEN');
  });

  it('refuses an unknown kind with INVALID_REMINDER_KIND', () => {
    spec.given(ISSUED).when(remind('weekly' as ReminderKind)).thenThrows('INVALID_REMINDER_KIND', { kind: 'validation', field: 'kind' });
  });
});
