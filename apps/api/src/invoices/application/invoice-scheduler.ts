import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { DomainError, type Invoice } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { InvoicesService } from './invoices.service.js';
import { reminderDue, REMINDER_SCHEDULE } from './reminder-schedule.js';
import { customersOn, type TestClockScope } from '../../customers/read-model/clock-scope.js';

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
    private readonly lease: WorkerLease,
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.invoiceSchedulerMs > 0) {
      this.timer = setInterval(() => this.lease.active && void this.runOnce().catch((err: unknown) => this.logger.error({ err }, 'invoice scheduler failed')), this.config.invoiceSchedulerMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the open invoices of customers on the real clock; returns what it did. One pass at a time. */
  runOnce(): Promise<{ overdue: number; reminders: number }> {
    this.running ??= this.pass(this.clock.nowIso()).finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * The invoices of a test clock's customers, at the clock's time (called when it advances):
   * passes until nothing is left to do, so a long advance sends every reminder due by then.
   */
  async runForTestClock(scope: TestClockScope, now: string): Promise<{ overdue: number; reminders: number }> {
    const total = { overdue: 0, reminders: 0 };
    for (let i = 0; i < REMINDER_SCHEDULE.length + 2; i++) {
      const done = await this.pass(now, scope);
      total.overdue += done.overdue;
      total.reminders += done.reminders;
      if (done.overdue + done.reminders === 0) break;
    }
    return total;
  }

  private async pass(now: string, scope?: TestClockScope): Promise<{ overdue: number; reminders: number }> {
    const customers = customersOn('i.customer_id', scope);
    const rows = await this.db.all<OpenInvoiceRow>(
      `SELECT i.id, i.order_id, i.merchant_id, i.mode, i.due_at, i.overdue, i.resource FROM invoices i JOIN orders o ON o.id = i.order_id
       WHERE i.status IN ('open', 'partially_paid') AND i.due_at IS NOT NULL AND o.status = 'open' AND ${customers.sql}`,
      customers.params,
    );
    const done = { overdue: 0, reminders: 0 };
    for (const row of rows) {
      // A test clock's invoices are dated at the clock's time.
      const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_'), ...(scope ? { at: now } : {}) };
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
