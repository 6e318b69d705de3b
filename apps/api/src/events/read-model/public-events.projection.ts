import {
  CUSTOMER_EVENT_TYPES,
  ORDER_EVENT_TYPES,
  PUBLIC_EVENT_PAYLOAD_VERSION,
  SUBSCRIPTION_EVENT_TYPES,
  customerDecider,
  orderDecider,
  subscribesTo,
  subscriptionDecider,
  type Decider,
} from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { StreamFolds } from '../../application/projections/stream-folds.js';
import { all, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { SUBSCRIPTION_STREAM_PREFIX } from '../../billing/billing-streams.js';
import { CUSTOMER_STREAM_PREFIX } from '../../customers/customer-stream.js';
import { ORDER_STREAM_PREFIX } from '../../orders/order-stream.js';
import { DELIVERY_SCHEMA } from '../../webhooks/delivery/deliveries-schema.js';
import { customerPublicEvents } from '../derive/customer-public-events.js';
import { orderPublicEvents } from '../derive/order-public-events.js';
import type { AppendedFacts, PublicEventDraft, ResourceLinks } from '../derive/public-event-draft.js';
import { subscriptionPublicEvents } from '../derive/subscription-public-events.js';
import { deliveryId, publicEventId } from '../public-event-id.js';

type AnyState = { status: string };
type Derive = (facts: AppendedFacts, before: AnyState, after: AnyState, revision: bigint, links: ResourceLinks) => PublicEventDraft[];

interface Kind {
  prefix: string;
  decider: Decider<never, { type: string; data: Record<string, unknown> }, AnyState>;
  derive: Derive;
}

/** Public events in one log position are numbered below this (seq = position × SLOTS + index). */
const SLOTS = 64n;

/**
 * The event feed and the webhook fan-out. For each append to an order, customer or subscription
 * stream (one command's facts, marked by append_index/append_count in their metadata) it folds the
 * aggregate to just before and just after it, maps the change to public events with the resources
 * as they then were, writes them to `public_events` and, in the same transaction,
 * queues a delivery for every endpoint that was subscribed at that log position. Nothing is
 * published that was not committed, and everything committed is queued (the checkpoint moves in
 * the same transaction). Must be registered after WebhookEndpointsProjection.
 */
export class PublicEventsProjection implements Projection {
  readonly name = 'public_events';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS public_events (
       id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       type TEXT NOT NULL, object_id TEXT NOT NULL, order_id TEXT, created_at TEXT NOT NULL, body TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS public_events_by_tenant ON public_events (merchant_id, mode, seq DESC)',
    'CREATE INDEX IF NOT EXISTS public_events_by_object ON public_events (merchant_id, mode, object_id, seq DESC)',
    'CREATE INDEX IF NOT EXISTS public_events_by_order ON public_events (merchant_id, mode, order_id, seq DESC)',
    ...DELIVERY_SCHEMA,
  ];
  readonly tables = ['public_events'];
  readonly handles: ReadonlySet<string> = new Set([...ORDER_EVENT_TYPES, ...CUSTOMER_EVENT_TYPES, ...SUBSCRIPTION_EVENT_TYPES]);
  private readonly kinds: Kind[] = [
    { prefix: ORDER_STREAM_PREFIX, decider: orderDecider as unknown as Kind['decider'], derive: orderPublicEvents as unknown as Derive },
    { prefix: CUSTOMER_STREAM_PREFIX, decider: customerDecider as unknown as Kind['decider'], derive: customerPublicEvents as unknown as Derive },
    { prefix: SUBSCRIPTION_STREAM_PREFIX, decider: subscriptionDecider as unknown as Kind['decider'], derive: subscriptionPublicEvents as unknown as Derive },
  ];
  /** An append seen in part: the state before its first fact and its facts so far. */
  private readonly open = new Map<string, { first: bigint; before: AnyState; facts: { type: string; data: Record<string, unknown> }[] }>();
  private readonly folds = new StreamFolds<AnyState>();

  constructor(private readonly links: ResourceLinks) {}

  beginBatch(): void {
    this.open.clear();
  }

  *apply(recorded: RecordedEvent): SqlJob<void> {
    const kind = this.kinds.find((k) => recorded.streamName.startsWith(k.prefix));
    if (!kind) return;
    const fact = { type: recorded.type, data: recorded.data };
    const { before: state, after } = yield* this.folds.step(kind.decider, recorded);
    // Events written before appends were marked count as appends of one.
    const index = BigInt(Number(recorded.metadata.append_index ?? 0));
    const count = BigInt(Number(recorded.metadata.append_count ?? 1));
    const first = recorded.revision - index;
    let append = this.open.get(recorded.streamName);
    if (!append || append.first !== first) {
      // The append's first facts were in an earlier batch: take them from the stream.
      const earlier = index === 0n ? [] : (yield* readStream(recorded.streamName)).filter((e) => e.revision >= first && e.revision < recorded.revision);
      const before = index === 0n ? state : yield* this.folds.at(kind.decider, recorded.streamName, first);
      append = { first, before, facts: earlier.map((e) => ({ type: e.type, data: e.data })) };
      this.open.set(recorded.streamName, append);
    }
    append.facts.push(fact);
    if (index < count - 1n) return;
    this.open.delete(recorded.streamName);
    if (after.status === 'none') return;
    yield* this.publish(kind, recorded, append.facts, append.before, after);
  }

  private *publish(kind: Kind, recorded: RecordedEvent, facts: AppendedFacts, before: AnyState, after: AnyState): SqlJob<void> {
    const drafts = kind.derive(facts, before, after, recorded.revision, this.links);
    if (drafts.length === 0) return;
    const { merchant_id, mode } = recorded.metadata;
    const subscribers = yield* all<{ endpoint_id: string; enabled_events: string }>(PublicEventsProjection.SUBSCRIBERS, [merchant_id, mode, recorded.position]);
    const wanted = subscribers.map((s) => ({ id: s.endpoint_id, types: JSON.parse(s.enabled_events) as string[] }));
    const createdAt = typeof recorded.data.occurred_at === 'string' ? recorded.data.occurred_at : recorded.recordedAt;
    for (const [i, draft] of drafts.slice(0, Number(SLOTS)).entries()) {
      const id = publicEventId(recorded.id, draft.type, draft.object_id);
      const seq = recorded.position * SLOTS + BigInt(i);
      const body = JSON.stringify({
        id,
        object: 'event',
        type: draft.type,
        payload_version: PUBLIC_EVENT_PAYLOAD_VERSION,
        mode,
        created_at: createdAt,
        request_id: recorded.metadata.request_id ?? null,
        data: { object: draft.object },
      });
      yield* run(PublicEventsProjection.INSERT, [id, seq, merchant_id, mode, draft.type, draft.object_id, draft.order_id, createdAt, body]);
      for (const endpoint of wanted) {
        if (!subscribesTo(endpoint.types, draft.type)) continue;
        yield* run(PublicEventsProjection.QUEUE, [deliveryId(endpoint.id, id), endpoint.id, id, draft.type, merchant_id, mode, seq, recorded.recordedAt]);
      }
    }
  }

  private static readonly INSERT = `INSERT INTO public_events (id, seq, merchant_id, mode, type, object_id, order_id, created_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
  /** Each endpoint's version in force just before this position: who was subscribed when the fact was committed. */
  private static readonly SUBSCRIBERS = `SELECT v.endpoint_id, v.enabled_events FROM webhook_endpoint_versions v
    WHERE v.merchant_id = ? AND v.mode = ? AND v.active = 1
      AND v.from_position = (SELECT MAX(w.from_position) FROM webhook_endpoint_versions w WHERE w.endpoint_id = v.endpoint_id AND w.from_position < ?)`;
  private static readonly QUEUE = `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, merchant_id, mode, seq, status, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING`;
}
