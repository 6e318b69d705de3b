import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { OrderCommands, type Caller } from '../../orders/application/order-commands.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import { PaymentProcessors } from '../processor/payment-processors.js';
import { invoke, outcomeOfRecord } from './processor-call.js';
import { PaymentSteps } from './payment-steps.js';

interface PendingRow {
  kind: 'intent' | 'refund';
  id: string;
  order_id: string;
  merchant_id: string;
  mode: 'test' | 'live';
}

/**
 * Finishes processor calls whose outcome was never recorded (a crash between step 2 and 3, or
 * between 1 and 2): asks the processor what it stored under the attempt key and records that,
 * or — when it never saw the key — makes the call now with the same key. Attempts younger than
 * the grace period are left alone: the request that started them is most likely still running.
 */
@Injectable()
export class PaymentRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PaymentRecovery');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly orders: OrderCommands,
    private readonly steps: PaymentSteps,
    private readonly processors: PaymentProcessors,
    private readonly clock: Clock,
    private readonly lease: WorkerLease,
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the projections (our source of pending attempts) start after init.
    if (this.config.paymentRecoveryMs > 0) {
      this.timer = setInterval(() => this.lease.active && void this.recoverPending().catch((err: unknown) => this.logger.error({ err }, 'payment recovery failed')), this.config.paymentRecoveryMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns how many attempts it settled. One pass at a time. */
  recoverPending(graceMs = this.config.paymentRecoveryGraceMs): Promise<number> {
    this.running ??= this.pass(graceMs).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(graceMs: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - graceMs).toISOString();
    const rows = [
      ...(await this.db.all<PendingRow>(`SELECT 'intent' AS kind, id, order_id, merchant_id, mode FROM payment_intents WHERE pending_key IS NOT NULL AND pending_since <= ?`, [cutoff])),
      ...(await this.db.all<PendingRow>(`SELECT 'refund' AS kind, id, order_id, merchant_id, mode FROM refunds WHERE status = 'pending' AND updated_at <= ?`, [cutoff])),
    ];
    let settled = 0;
    for (const row of rows) {
      try {
        if (await this.recover(row)) settled++;
      } catch (err) {
        this.logger.error({ err, id: row.id }, 'could not recover a payment attempt');
      }
    }
    if (rows.length) this.logger.log({ pending: rows.length, settled }, 'payment recovery pass');
    return settled;
  }

  private async recover(row: PendingRow): Promise<boolean> {
    if (row.mode === 'live') return false; // no live processor exists to ask
    const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_') };
    const { order, events } = await this.orders.load(caller, row.order_id);
    if (!order) return false;
    const intent = row.kind === 'intent' ? order.payment_intents.find((pi) => pi.id === row.id) : undefined;
    const refund = row.kind === 'refund' ? order.refunds.find((r) => r.id === row.id) : undefined;
    const intentCall = intent ? this.steps.callForIntent(caller, order, intent, events) : undefined;
    const calls = intentCall ? [intentCall] : refund ? this.steps.callsForRefund(order, refund) : [];
    const processor = this.processors.require(row.mode);
    for (const call of calls) {
      const outcome = outcomeOfRecord(call, await processor.lookup(call.key)) ?? (await invoke(processor, call));
      await this.steps.record(caller, order.id, row.id, call.key, outcome);
    }
    return calls.length > 0;
  }
}
