import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type Invoice } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import type { Caller } from '../../orders/application/order-commands.js';
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
 * payment racing the scheduler simply wins (INVOICE_PAID) and nothing is sent; a schedule step is
 * recorded once, so two schedulers never send the same reminder twice.
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
      .prepare(
        `SELECT i.id, i.order_id, i.merchant_id, i.mode, i.due_at, i.overdue, i.resource FROM invoices i JOIN orders o ON o.id = i.order_id
         WHERE i.status IN ('open', 'partially_paid') AND i.due_at IS NOT NULL AND o.status = 'open'`,
      )
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
        const due = reminderDue(row.due_at, now, reminders.flatMap((r) => (r.step === null || r.step === undefined ? [] : [r.step])));
        if (due && (await this.invoices.sendReminder(caller, row.order_id, row.id, due.kind, due.step))) done.reminders++;
      } catch (err) {
        // Paid, voided or marked uncollectible meanwhile: nothing left to remind.
        if (!(err instanceof DomainError)) this.logger.error({ err, id: row.id }, 'invoice scheduler step failed');
      }
    }
    return done;
  }
}
