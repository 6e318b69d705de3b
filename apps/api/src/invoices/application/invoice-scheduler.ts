import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type Invoice } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import type { Caller } from '../../payments/application/payment-steps.js';
import { InvoicesService } from './invoices.service.js';
import { reminderDue } from './reminder-schedule.js';

interface OpenInvoiceRow {
  id: string;
  order_id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  due_at: string;
  overdue: number;
  resource: string;
}

/**
 * Drives issued, unpaid invoices over the injected clock: marks them overdue once the due date has
 * passed and sends the reminders of REMINDER_SCHEDULE. Every change is an order command, so a
 * payment racing the scheduler simply wins (INVOICE_PAID) and nothing is sent.
 */
@Injectable()
export class InvoiceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InvoiceScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<{ overdue: number; reminders: number }>;

  constructor(
    private readonly invoices: InvoicesService,
    private readonly clock: Clock,
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.invoiceSchedulerMs > 0) {
      this.timer = setInterval(() => void this.runOnce().catch((err: unknown) => this.logger.error({ err }, 'invoice scheduler failed')), this.config.invoiceSchedulerMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the open invoices; returns what it did. One pass at a time. */
  runOnce(): Promise<{ overdue: number; reminders: number }> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<{ overdue: number; reminders: number }> {
    const now = this.clock.nowIso();
    const rows = this.sqlite.db
      .prepare("SELECT id, order_id, merchant_id, mode, due_at, overdue, resource FROM invoices WHERE status IN ('open', 'partially_paid') AND due_at IS NOT NULL")
      .all() as OpenInvoiceRow[];
    const done = { overdue: 0, reminders: 0 };
    for (const row of rows) {
      const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_') };
      try {
        if (!row.overdue && row.due_at < now) {
          await this.invoices.markOverdue(caller, row.order_id, row.id);
          done.overdue++;
        }
        const reminders = (JSON.parse(row.resource) as { reminders: Invoice['reminders'] }).reminders;
        const lastScheduled = reminders.filter((r) => r.kind !== 'manual').at(-1)?.sent_at ?? null;
        const kind = reminderDue(row.due_at, now, lastScheduled);
        if (kind) {
          await this.invoices.sendReminder(caller, row.order_id, row.id, kind);
          done.reminders++;
        }
      } catch (err) {
        // Paid, voided or marked uncollectible meanwhile: nothing left to remind.
        if (!(err instanceof DomainError)) this.logger.error({ err, id: row.id }, 'invoice scheduler step failed');
      }
    }
    return done;
  }
}
