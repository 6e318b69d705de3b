import { Inject, Injectable } from '@nestjs/common';
import { DomainError, webhookError } from '#ordo/domain';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import type { Page } from '../../platform/envelope.interceptor.js';
import type { RequestContext } from '../../platform/request-context.js';
import { pageBySeq } from '../../platform/seq-page.js';
import { DELIVERY_COLUMNS, toDeliveryResource, type AttemptRow, type DeliveryResource, type DeliveryRow } from './webhook-delivery-resource.js';
import type { WebhookEndpointResource } from './webhook-endpoint-resource.js';

type Tenant = Pick<RequestContext, 'merchantId' | 'mode'>;
type PageAsk = { page_size: number; page_token?: string };

@Injectable()
export class WebhookEndpointsQueries {
  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  endpoint(tenant: Tenant, id: string): WebhookEndpointResource {
    const row = this.sqlite.db.prepare(`SELECT resource FROM webhook_endpoints WHERE id = ? AND merchant_id = ? AND mode = ? AND status != 'deleted'`).get(id, tenant.merchantId, tenant.mode) as
      | { resource: string }
      | undefined;
    if (!row) throw webhookError('WEBHOOK_ENDPOINT_NOT_FOUND', `webhook endpoint ${id} not found`, 'webhook_endpoint_id');
    return JSON.parse(row.resource) as WebhookEndpointResource;
  }

  list(tenant: Tenant, page: PageAsk): Page<WebhookEndpointResource> {
    return pageBySeq<{ resource: string }, WebhookEndpointResource>(
      this.sqlite.db,
      { table: 'webhook_endpoints', columns: 'resource', tenant, page, filters: [["status != ?", 'deleted']] },
      (r) => JSON.parse(r.resource) as WebhookEndpointResource,
    );
  }

  deliveries(tenant: Tenant, endpointId: string, page: PageAsk, filter: { status?: string; event_id?: string }): Page<DeliveryResource> {
    this.endpoint(tenant, endpointId);
    return pageBySeq<DeliveryRow, DeliveryResource>(
      this.sqlite.db,
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

  delivery(tenant: Tenant, endpointId: string, deliveryId: string): DeliveryResource {
    this.endpoint(tenant, endpointId);
    const row = this.sqlite.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND endpoint_id = ? AND merchant_id = ? AND mode = ?`).get(deliveryId, endpointId, tenant.merchantId, tenant.mode) as
      | DeliveryRow
      | undefined;
    if (!row) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', 'not_found', `no delivery ${deliveryId} for webhook endpoint ${endpointId}`, 'delivery_id');
    const attempts = this.sqlite.db.prepare('SELECT attempt, started_at, duration_ms, response_code, error, next_attempt_at FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt').all(row.id) as AttemptRow[];
    return toDeliveryResource(row, attempts);
  }
}
