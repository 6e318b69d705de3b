import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { ProjectionProgress } from '../../application/projections/projection-progress.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { BillingQueries } from '../read-model/billing.queries.js';
import { SubscriptionBilling } from './subscription-billing.js';

/** Money that may pay a cycle's order (a charge, offline money): worth asking whether a cycle got paid. */
const PAYING_EVENTS: ReadonlySet<string> = new Set(['PaymentCaptured', 'ManualPaymentRecorded']);

/**
 * Runs the billing process: on a timer for subscriptions on the real clock (test clocks bill
 * when advanced), and — reacting to the log — whenever money reaches an order, so a cycle paid
 * by a wire, an invoice or a support charge returns its subscription to active.
 */
@Injectable()
export class SubscriptionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SubscriptionScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private reconciling?: Promise<number>;
  private reconcileAgain = false;

  constructor(
    private readonly billing: SubscriptionBilling,
    private readonly queries: BillingQueries,
    private readonly projections: ProjectionProgress,
    private readonly lease: WorkerLease,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.projections.onApplied((events) => {
      if (this.lease.active && events.some((e) => PAYING_EVENTS.has(e.type))) void this.reconcile();
    });
    if (this.config.subscriptionSchedulerMs > 0) {
      this.timer = setInterval(() => this.lease.active && void this.runOnce().catch((err: unknown) => this.logger.error({ err }, 'subscription scheduler failed')), this.config.subscriptionSchedulerMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the subscriptions on the real clock; answers the steps taken. One pass at a time. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Marks cycles paid whose orders got paid; one at a time, again if asked meanwhile. */
  reconcile(): Promise<number> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      let marked = 0;
      do {
        this.reconcileAgain = false;
        marked += await this.billing.reconcilePaid().catch((err: unknown) => {
          this.logger.error({ err }, 'marking paid cycles failed');
          return 0;
        });
      } while (this.reconcileAgain);
      return marked;
    })().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async pass(): Promise<number> {
    let steps = await this.billing.reconcilePaid();
    for (const row of await this.queries.subscriptionsOnRealTime()) {
      try {
        steps += await this.billing.run({ merchantId: row.merchant_id, mode: row.mode }, row.id);
      } catch (err) {
        this.logger.error({ err, subscriptionId: row.id }, 'billing a subscription failed');
      }
    }
    return steps;
  }
}
