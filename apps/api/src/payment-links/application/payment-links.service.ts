import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { DomainError, MIN_SESSION_MINUTES } from '#ordo/domain';
import { ProjectionProgress } from '../../application/projections/projection-progress.js';
import { CheckoutSessionsService } from '../../checkout/application/checkout-sessions.service.js';
import { CheckoutSessionsQueries } from '../../checkout/read-model/checkout-sessions.queries.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import type { RequestContext } from '../../platform/request-context.js';
import { PaymentLinkStream } from '../payment-link-stream.js';

/** A buyer's checkout from a link lasts this long: short, since it holds one of a limited link's slots. */
export const LINK_SESSION_MINUTES = 2 * MIN_SESSION_MINUTES;

/**
 * Payment links: the merchant's side (create, activate, deactivate) and the buyer's (start a
 * checkout: a slot on the link's stream first, then the new order with its session in one
 * append; a crash between leaves a slot that frees itself when its time passes). Completions
 * come back from the log: a CheckoutSessionCompleted naming a link is recorded on the link once.
 */
@Injectable()
export class PaymentLinksService implements OnApplicationBootstrap {
  private readonly logger = new Logger('PaymentLinks');

  constructor(
    private readonly links: PaymentLinkStream,
    private readonly sessions: CheckoutSessionsService,
    private readonly sessionQueries: CheckoutSessionsQueries,
    private readonly projections: ProjectionProgress,
    private readonly lease: WorkerLease,
    private readonly clock: Clock,
    @Inject(READ_DB) private readonly db: ReadDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.projections.onApplied((events) => {
      // One process reacts: on PostgreSQL every API process hears of the same events.
      if (!this.lease.active) return;
      for (const e of events) {
        const data = e.data as { payment_link_id?: string; checkout_session_id?: string };
        if (e.type !== 'CheckoutSessionCompleted' || !data.payment_link_id || !data.checkout_session_id) continue;
        const caller = { merchantId: e.metadata.merchant_id, mode: e.metadata.mode as 'test' | 'live', requestId: randomId('req_') };
        void this.recordCompletion(caller, data.payment_link_id, data.checkout_session_id);
      }
    });
  }

  /**
   * Completions a crash kept from reaching their link (the reactor runs after the commit): run
   * once the read models have caught up at start-up.
   */
  async recordMissedCompletions(): Promise<void> {
    // The link's slots are read in JS, not with a JSON function: those differ by engine.
    const completed = await this.db.all<{ id: string; payment_link_id: string; merchant_id: string; mode: 'test' | 'live'; state: string }>(
      `SELECT s.id, s.payment_link_id, s.merchant_id, s.mode, l.state FROM checkout_sessions s JOIN payment_links l ON l.id = s.payment_link_id WHERE s.status = 'completed'`,
    );
    const missed = completed.filter((row) => !(JSON.parse(row.state) as { slots: { checkout_session_id: string; completed: boolean }[] }).slots.some((slot) => slot.checkout_session_id === row.id && slot.completed));
    for (const row of missed) await this.recordCompletion({ merchantId: row.merchant_id, mode: row.mode, requestId: randomId('req_') }, row.payment_link_id, row.id);
  }

  async create(ctx: RequestContext, input: { currency: string; line_items: unknown[]; completion_limit?: number; metadata?: Record<string, string> }): Promise<string> {
    const id = ctx.ids.next('plink_');
    await this.links.run(ctx, id, { type: 'CreatePaymentLink', data: { payment_link_id: id, pay_token: ctx.ids.next('plt_'), ...input } });
    return id;
  }

  async setActive(ctx: RequestContext, id: string, active: boolean): Promise<void> {
    await this.links.run(ctx, id, { type: active ? 'ActivatePaymentLink' : 'DeactivatePaymentLink', data: { payment_link_id: id } });
  }

  /** The buyer continues from the link page: answers the new session's page token. */
  async startCheckout(ctx: RequestContext, linkId: string, linkToken: string, quantities: (number | null)[]): Promise<string> {
    const ids = { sessionId: ctx.ids.next('cs_'), orderId: ctx.ids.next('ord_'), payToken: ctx.ids.next('cst_') };
    const expiresAt = new Date(this.clock.now().getTime() + LINK_SESSION_MINUTES * 60_000).toISOString();
    const { appended } = await this.links.run(ctx, linkId, {
      type: 'StartPaymentLinkSession',
      data: { payment_link_id: linkId, checkout_session_id: ids.sessionId, order_id: ids.orderId, expires_at: expiresAt, quantities },
    });
    const start = appended.find((e) => e.type === 'PaymentLinkSessionStarted');
    if (!start || start.type !== 'PaymentLinkSessionStarted') throw new Error('a started link checkout recorded no slot');
    await this.sessions.create(ctx, {
      ids,
      line_items: start.data.line_items,
      currency: start.data.line_items[0]!.unit_price_money.currency,
      payment_link_id: linkId,
      success_url: this.sessionQueries.urlOf(ids.payToken),
      cancel_url: `${this.config.publicUrl}/l/${linkToken}`,
      expires_at: expiresAt,
    });
    return ids.payToken;
  }

  private async recordCompletion(caller: { merchantId: string; mode: 'test' | 'live'; requestId: string }, linkId: string, sessionId: string): Promise<void> {
    try {
      await this.links.run(caller, linkId, { type: 'RecordPaymentLinkCompletion', data: { payment_link_id: linkId, checkout_session_id: sessionId } });
    } catch (err) {
      if (!(err instanceof DomainError)) this.logger.error({ err, linkId, sessionId }, 'could not record a payment link completion');
    }
  }
}
