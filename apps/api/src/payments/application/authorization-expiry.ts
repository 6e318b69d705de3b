import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { OrderCommands, type Caller } from '../../orders/application/order-commands.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { CHALLENGE_VALIDITY_MS } from '#ordo/domain';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import { PaymentSteps } from './payment-steps.js';
import { customersOn, type TestClockScope } from '../../customers/read-model/clock-scope.js';

/**
 * Uncaptured authorizations expire 7 days after they were granted (the domain computes
 * expires_at). This job finds holds past it — by the injected clock, so tests and test clocks
 * move time — and voids them with the usual three steps: ExpireAuthorization records the void
 * attempt, the processor releases the hold, RecordVoidOutcome records the release and expiry.
 * A crash in between is finished by the recovery job like any other attempt.
 */
@Injectable()
export class AuthorizationExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuthorizationExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly orders: OrderCommands,
    private readonly steps: PaymentSteps,
    private readonly clock: Clock,
    private readonly lease: WorkerLease,
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.paymentRecoveryMs > 0) {
      this.timer = setInterval(() => this.lease.active && void this.expireDue().catch((err: unknown) => this.logger.error({ err }, 'authorization expiry failed')), this.config.paymentRecoveryMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Voids every hold past its expiry (customers on the real clock); returns how many it started. One pass at a time. */
  expireDue(): Promise<number> {
    this.running ??= this.pass(this.clock.nowIso()).finally(() => (this.running = undefined));
    return this.running;
  }

  /** The holds and challenges of a test clock's customers, at the clock's time (called when it advances). */
  expireForTestClock(scope: TestClockScope, now: string): Promise<number> {
    return this.pass(now, scope);
  }

  private async pass(now: string, scope?: TestClockScope): Promise<number> {
    await this.cancelAbandonedChallenges(now, scope);
    const customers = customersOn('customer_id', scope);
    const due = await this.db.all<{ id: string; order_id: string; merchant_id: string; mode: 'test' }>(
      `SELECT id, order_id, merchant_id, mode FROM payment_intents WHERE status = 'requires_capture' AND pending_key IS NULL AND expires_at <= ? AND mode = 'test' AND ${customers.sql}`,
      [now, ...customers.params],
    );
    let started = 0;
    for (const row of due) {
      const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_'), ...(scope ? { at: now } : {}) };
      try {
        const attemptKey = randomId('att_');
        const order = await this.orders.run(caller, row.order_id, { type: 'ExpireAuthorization', data: { order_id: row.order_id, payment_intent_id: row.id, attempt_key: attemptKey } });
        const intent = order.payment_intents.find((pi) => pi.id === row.id);
        if (intent?.pending?.attempt_key !== attemptKey) continue;
        const call = this.steps.callForIntent(caller, order, intent, []);
        if (call) await this.steps.callAndRecord(caller, order.id, row.id, call);
        started++;
      } catch (err) {
        // A capture or cancel that won the race is fine: the hold is no longer ours to expire.
        this.logger.warn({ err, id: row.id }, 'could not expire an authorization');
      }
    }
    return started;
  }

  /**
   * A 3-D Secure challenge the buyer never answered holds the order's balance (nothing else can
   * collect it): after CHALLENGE_VALIDITY_MS the intent is canceled as abandoned. Nothing was
   * authorized, so there is nothing to release at the processor.
   */
  private async cancelAbandonedChallenges(now: string, scope?: TestClockScope): Promise<void> {
    const cutoff = new Date(Date.parse(now) - CHALLENGE_VALIDITY_MS).toISOString();
    const customers = customersOn('customer_id', scope);
    const rows = await this.db.all<{ id: string; order_id: string; merchant_id: string; mode: 'test' | 'live'; resource: string }>(
      `SELECT id, order_id, merchant_id, mode, resource FROM payment_intents WHERE status = 'requires_action' AND ${customers.sql}`,
      customers.params,
    );
    for (const row of rows) {
      if ((JSON.parse(row.resource) as { updated_at: string }).updated_at > cutoff) continue;
      const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_'), ...(scope ? { at: now } : {}) };
      try {
        await this.orders.run(caller, row.order_id, { type: 'StartCancel', data: { order_id: row.order_id, payment_intent_id: row.id, attempt_key: randomId('att_'), reason: 'abandoned' } });
      } catch (err) {
        // The buyer answered meanwhile, or the merchant canceled: nothing left to do.
        this.logger.warn({ err, id: row.id }, 'could not cancel an abandoned challenge');
      }
    }
  }
}
