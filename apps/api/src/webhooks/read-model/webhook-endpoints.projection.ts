import { WEBHOOK_ENDPOINT_EVENT_TYPES, webhookEndpointDecider, type WebhookEndpointEvent, type WebhookEndpointState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { WEBHOOK_ENDPOINT_STREAM_PREFIX } from '../webhook-endpoint-stream.js';
import { toWebhookEndpointResource } from './webhook-endpoint-resource.js';

/**
 * `webhook_endpoints`: each endpoint's folded state (sealed secrets included, for the sender) and
 * resource. `webhook_endpoint_versions`: what each endpoint subscribed to from which log position
 * on, so the event fan-out asks "who wanted this event when it was committed" and a replay from 0
 * queues exactly what it queued the first time. Registered before PublicEventsProjection.
 */
export class WebhookEndpointsProjection implements Projection {
  readonly name = 'webhook_endpoints';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS webhook_endpoints (
       id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL,
       status TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT)`,
    'CREATE INDEX IF NOT EXISTS webhook_endpoints_by_tenant ON webhook_endpoints (merchant_id, mode, seq DESC)',
    `CREATE TABLE IF NOT EXISTS webhook_endpoint_versions (
       endpoint_id TEXT NOT NULL, from_position INTEGER NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       active INTEGER NOT NULL, enabled_events TEXT NOT NULL, PRIMARY KEY (endpoint_id, from_position))`,
    'CREATE INDEX IF NOT EXISTS webhook_endpoint_versions_by_tenant ON webhook_endpoint_versions (merchant_id, mode, endpoint_id, from_position)',
  ];
  readonly tables = ['webhook_endpoints', 'webhook_endpoint_versions'];
  readonly handles: ReadonlySet<string> = new Set(WEBHOOK_ENDPOINT_EVENT_TYPES);
  private static readonly UPSERT = `INSERT INTO webhook_endpoints (id, merchant_id, mode, seq, status, revision, state, resource)
        VALUES (@id, @merchant_id, @mode, @seq, @status, @revision, @state, @resource)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, revision = excluded.revision, state = excluded.state, resource = excluded.resource`;
  private static readonly VERSION = `INSERT INTO webhook_endpoint_versions (endpoint_id, from_position, merchant_id, mode, active, enabled_events)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

  *apply(recorded: RecordedEvent): SqlJob<void> {
    if (!recorded.streamName.startsWith(WEBHOOK_ENDPOINT_STREAM_PREFIX)) return;
    const id = recorded.streamName.slice(WEBHOOK_ENDPOINT_STREAM_PREFIX.length);
    const row = yield* first<{ revision: number; state: string; seq: number }>('SELECT revision, state, seq FROM webhook_endpoints WHERE id = ?', [id]);
    const applied = row ? BigInt(row.revision) : -1n;
    if (recorded.revision <= applied) return;
    let state: WebhookEndpointState = row ? (JSON.parse(row.state) as WebhookEndpointState) : webhookEndpointDecider.initialState();
    const events = recorded.revision === applied + 1n ? [recorded] : (yield* readStream(recorded.streamName)).filter((e) => e.revision > applied && e.revision <= recorded.revision);
    for (const event of events) state = webhookEndpointDecider.evolve(state, { type: event.type, data: event.data } as WebhookEndpointEvent);
    if (state.status === 'none') return;
    const { merchant_id, mode } = recorded.metadata;
    const live = state.status === 'deleted' ? undefined : state;
    yield* run(WebhookEndpointsProjection.UPSERT, {
      id,
      merchant_id,
      mode,
      seq: row?.seq ?? recorded.position,
      status: state.status,
      revision: recorded.revision,
      state: JSON.stringify(state),
      resource: live ? JSON.stringify(toWebhookEndpointResource(live)) : null,
    });
    yield* run(WebhookEndpointsProjection.VERSION, [id, recorded.position, merchant_id, mode, live?.status === 'enabled' ? 1 : 0, JSON.stringify(live?.enabled_events ?? [])]);
  }
}
