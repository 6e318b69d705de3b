import { Inject, Injectable } from '@nestjs/common';
import { DomainError, webhookError } from '#ordo/domain';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import type { Page } from '../../platform/envelope.interceptor.js';
import type { RequestContext } from '../../platform/request-context.js';
import { pageBySeq } from '../../platform/seq-page.js';
import { DELIVERY_COLUMNS, toDeliveryResource, type AttemptRow, type DeliveryResource, type DeliveryRow } from './webhook-delivery-resource.js';
import type { WebhookEndpointResource } from './webhook-endpoint-resource.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;
type PageAsk = { page_size: number; page_token?: string };

@Injectable()
export class WebhookEndpointsQueries {
  constructor(@Inject(READ_DB) private readonly db: ReadDb) {}

  async endpoint(tenant: Tenant, id: string): Promise<WebhookEndpointResource> {
    const row = await this.db.first<{ resource: string }>(`SELECT resource FROM webhook_endpoints WHERE id = ? AND merchant_id = ? AND mode = ? AND status != 'deleted'`, [id, tenant.merchantId, tenant.mode]);
    if (!row) throw webhookError('WEBHOOK_ENDPOINT_NOT_FOUND', `webhook endpoint ${id} not found`, 'webhook_endpoint_id');
    return JSON.parse(row.resource) as WebhookEndpointResource;
  }

  list(tenant: Tenant, page: PageAsk): Promise<Page<WebhookEndpointResource>> {
    return pageBySeq<{ resource: string }, WebhookEndpointResource>(
      this.db,
      { table: 'webhook_endpoints', columns: 'resource', tenant, page, filters: [["status != ?", 'deleted']] },
      (r) => JSON.parse(r.resource) as WebhookEndpointResource,
    );
  }

  async deliveries(tenant: Tenant, endpointId: string, page: PageAsk, filter: { status?: string; event_id?: string }): Promise<Page<DeliveryResource>> {
    await this.endpoint(tenant, endpointId);
    return pageBySeq<DeliveryRow, DeliveryResource>(
      this.db,
      {
        table: 'webhook_deliveries',
        columns: DELIVERY_COLUMNS,
        tenant,
        page,
        filters: [['endpoint_id = ?', endpointId], ...(filter.status ? ([['status = ?', filter.status]] as const) : []), ...(filter.event_id ? ([['event_id = ?', filter.event_id]] as const) : [])],
      },
      (r) => toDeliveryResource(r),
    );
  }

  async delivery(tenant: Tenant, endpointId: string, deliveryId: string): Promise<DeliveryResource> {
    await this.endpoint(tenant, endpointId);
    const row = await this.db.first<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND endpoint_id = ? AND merchant_id = ? AND mode = ?`, [
      deliveryId,
      endpointId,
      tenant.merchantId,
      tenant.mode,
    ]);
    if (!row) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', 'not_found', `no delivery ${deliveryId} for webhook endpoint ${endpointId}`, 'delivery_id');
    const attempts = await this.db.all<AttemptRow>('SELECT attempt, started_at, duration_ms, response_code, error, next_attempt_at FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt', [row.id]);
    return toDeliveryResource(row, attempts);
  }
}
