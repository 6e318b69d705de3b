import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { DomainError } from '#ordo/domain';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { OrderCommands, type Caller } from '../../orders/application/order-commands.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import { CheckoutSessionsQueries } from '../read-model/checkout-sessions.queries.js';

/**
 * Expires open checkout sessions past their expires_at, by the injected clock, every
 * ORDO_CHECKOUT_EXPIRY_MS. Payments through a session past its expiry are refused by the domain
 * already (CHECKOUT_SESSION_EXPIRED), so this job only records the fact and frees the order.
 */
@Injectable()
export class CheckoutExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CheckoutExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly orders: OrderCommands,
    private readonly queries: CheckoutSessionsQueries,
    private readonly clock: Clock,
    private readonly lease: WorkerLease,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.checkoutExpiryMs > 0) {
      this.timer = setInterval(() => this.lease.active && void this.expireDue().catch((err: unknown) => this.logger.error({ err }, 'checkout expiry failed')), this.config.checkoutExpiryMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; answers how many sessions it expired. One pass at a time. */
  expireDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.clock.nowIso();
    let expired = 0;
    for (const row of await this.queries.expiredOpen(now)) {
      const caller: Caller = { merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_'), at: now };
      try {
        await this.orders.run(caller, row.order_id, { type: 'ExpireCheckoutSession', data: { order_id: row.order_id, checkout_session_id: row.id } });
        expired++;
      } catch (err) {
        // Paid or closed meanwhile, or a payment still being decided: the next pass sees.
        if (!(err instanceof DomainError)) throw err;
        this.logger.debug({ code: err.code, id: row.id }, 'checkout session not expired now');
      }
    }
    return expired;
  }
}
