import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DomainError, assertDeliverable } from '#ordo/domain';
import { statement } from '../../persistence/sql/state-job.js';
import { STATE_DB, type StateDb } from '../../persistence/state-db.js';
import { SecretBox } from '../../platform/secret-box.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { Caller } from '../../orders/application/order-commands.js';
import { WebhookEndpointStream } from '../webhook-endpoint-stream.js';


/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64 (the spec asks for 24 to 64). */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface EndpointInput {
  url?: unknown;
  enabled_events?: unknown;
  description?: unknown;
  metadata?: unknown;
  disabled?: unknown;
}

/**
 * Webhook endpoints: the merchant's commands on their streams. A secret exists in clear only in
 * the one answer that shows it; the command, the log and the read model carry it sealed.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointStream,
    private readonly box: SecretBox,
    @Inject(STATE_DB) private readonly state: StateDb,
  ) {}

  async create(ctx: RequestContext, input: EndpointInput): Promise<{ id: string; secret: string }> {
    const id = ctx.ids.next('whep_');
    const secret = newSecret();
    await this.endpoints.run(ctx, id, {
      type: 'CreateWebhookEndpoint',
      data: { webhook_endpoint_id: id, mode: ctx.mode, url: input.url, enabled_events: input.enabled_events, description: input.description, metadata: input.metadata, sealed_secret: this.box.seal(secret) },
    });
    return { id, secret };
  }

  async update(ctx: RequestContext, id: string, input: EndpointInput): Promise<void> {
    const { appended } = await this.endpoints.run(ctx, id, { type: 'UpdateWebhookEndpoint', data: { webhook_endpoint_id: id, mode: ctx.mode, ...input } });
    // Enabled again by hand: the old failure streak no longer counts towards disabling it.
    if (appended.some((e) => e.type === 'WebhookEndpointEnabled')) {
      await this.state.transaction(statement('DELETE FROM webhook_endpoint_health WHERE endpoint_id = ?', [id]));
    }
  }

  async rotateSecret(ctx: RequestContext, id: string, expirePreviousInSeconds: unknown): Promise<string> {
    const secret = newSecret();
    await this.endpoints.run(ctx, id, {
      type: 'RotateWebhookEndpointSecret',
      data: { webhook_endpoint_id: id, sealed_secret: this.box.seal(secret), ...(expirePreviousInSeconds !== undefined ? { expire_previous_in_seconds: expirePreviousInSeconds } : {}) },
    });
    return secret;
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.endpoints.run(ctx, id, { type: 'DeleteWebhookEndpoint', data: { webhook_endpoint_id: id } });
  }

  /** Asked by the dispatcher when an endpoint's failure streak meets the disable rule (refused otherwise). */
  async disableFailing(caller: Caller, id: string, streak: { consecutive_failures: number; failing_since: string }): Promise<void> {
    await this.endpoints.run(caller, id, { type: 'DisableFailingWebhookEndpoint', data: { webhook_endpoint_id: id, streak } });
  }

  /**
   * Queue a delivery again, now, whatever became of it (a receiver that lost it, or one that failed
   * every attempt). The endpoint must exist and be enabled.
   */
  async redeliver(ctx: RequestContext, endpointId: string, deliveryId: string): Promise<void> {
    assertDeliverable((await this.endpoints.load(ctx, endpointId)) ?? { status: 'none' }, endpointId);
    const changed = await this.state.transaction(
      statement(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL WHERE id = ? AND endpoint_id = ? AND merchant_id = ? AND mode = ?`, [
        deliveryId,
        endpointId,
        ctx.merchantId,
        ctx.mode,
      ]),
    );
    if (changed === 0) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', 'not_found', `no delivery ${deliveryId} for webhook endpoint ${endpointId}`, 'delivery_id');
  }
}
