import { Injectable, Logger } from '@nestjs/common';

export interface InvoiceReminder {
  merchantId: string;
  mode: 'test' | 'live';
  invoiceId: string;
  invoiceNumber: string | null;
  customerId: string;
  kind: string;
  sequence: number;
  amountDue: { amount: number; currency: string };
  dueAt: string | null;
}

/**
 * Delivers invoice reminders to the buyer. The reminder itself is a fact on the order's stream
 * (InvoiceReminderSent, shown in the timelines) recorded before delivery; delivery is this port,
 * at most once per fact. The default writes to the log; an e-mail adapter replaces it by binding
 * another class to this token.
 */
export abstract class InvoiceNotifier {
  abstract deliver(reminder: InvoiceReminder): Promise<void>;
}

@Injectable()
export class LogInvoiceNotifier extends InvoiceNotifier {
  private readonly logger = new Logger('InvoiceNotifier');

  async deliver(reminder: InvoiceReminder): Promise<void> {
    this.logger.log({ reminder }, `invoice reminder #${reminder.sequence} (${reminder.kind}) for ${reminder.invoiceNumber ?? reminder.invoiceId} to customer ${reminder.customerId}`);
  }
}
