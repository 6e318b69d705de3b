import {
  PLAN_EVENT_TYPES,
  planDecider,
  SUBSCRIPTION_EVENT_TYPES,
  subscriptionDecider,
  TEST_CLOCK_EVENT_TYPES,
  testClockDecider,
  type Decider,
  type DomainEvent,
  type ExistingPlan,
  type ExistingSubscription,
  type ExistingTestClock,
  type SubscriptionEvent,
} from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { PLAN_STREAM_PREFIX, SUBSCRIPTION_STREAM_PREFIX, TEST_CLOCK_STREAM_PREFIX } from '../billing-streams.js';
import { toPlanResource, toSubscriptionResource, toTestClockResource } from './billing-resources.js';
import { describeSubscriptionEvent } from './describe-subscription-event.js';

interface Kind {
  prefix: string;
  table: string;
  decider: Decider<never, DomainEvent, { status: string }>;
}

/**
 * Plans, subscriptions (with one row per billing cycle, which the billing process reads to find
 * cycles whose order got paid) and test clocks; subscription facts also go to the customer's
 * timeline. Each row keeps its folded state and the stream revision it applied (replays change
 * nothing); a gap is mended by folding the short stream again.
 */
export class BillingProjection implements Projection {
  readonly name = 'billing';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS plans_by_tenant ON plans (merchant_id, mode, seq DESC)',
    `CREATE TABLE IF NOT EXISTS subscriptions (
       id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
       test_clock_id TEXT, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS subscriptions_by_tenant ON subscriptions (merchant_id, mode, seq DESC)',
    'CREATE INDEX IF NOT EXISTS subscriptions_by_clock ON subscriptions (test_clock_id, status)',
    `CREATE TABLE IF NOT EXISTS subscription_cycles (
       subscription_id TEXT NOT NULL, cycle INTEGER NOT NULL, order_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, paid INTEGER NOT NULL,
       PRIMARY KEY (subscription_id, cycle))`,
    'CREATE INDEX IF NOT EXISTS subscription_cycles_unpaid ON subscription_cycles (order_id) WHERE paid = 0',
    `CREATE TABLE IF NOT EXISTS subscription_timeline (
       position INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, subscription_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       revision INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL, summary TEXT NOT NULL, request_id TEXT)`,
    'CREATE INDEX IF NOT EXISTS subscription_timeline_by_customer ON subscription_timeline (customer_id, position)',
    `CREATE TABLE IF NOT EXISTS test_clocks (id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL)`,
  ];
  readonly tables = ['plans', 'subscriptions', 'subscription_cycles', 'subscription_timeline', 'test_clocks'];
  readonly handles: ReadonlySet<string> = new Set([...PLAN_EVENT_TYPES, ...SUBSCRIPTION_EVENT_TYPES, ...TEST_CLOCK_EVENT_TYPES]);
  private readonly kinds: Kind[] = [
    { prefix: PLAN_STREAM_PREFIX, table: 'plans', decider: planDecider as unknown as Kind['decider'] },
    { prefix: SUBSCRIPTION_STREAM_PREFIX, table: 'subscriptions', decider: subscriptionDecider as unknown as Kind['decider'] },
    { prefix: TEST_CLOCK_STREAM_PREFIX, table: 'test_clocks', decider: testClockDecider as unknown as Kind['decider'] },
  ];
  private static readonly PLAN = `INSERT INTO plans (id, merchant_id, mode, seq, status, revision, state, resource) VALUES (@id, @merchant_id, @mode, @seq, @status, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, revision = excluded.revision, state = excluded.state, resource = excluded.resource`;
  private static readonly SUBSCRIPTION = `INSERT INTO subscriptions (id, merchant_id, mode, seq, customer_id, status, test_clock_id, revision, state, resource)
          VALUES (@id, @merchant_id, @mode, @seq, @customer_id, @status, @test_clock_id, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, revision = excluded.revision, state = excluded.state, resource = excluded.resource`;
  private static readonly CYCLE = `INSERT INTO subscription_cycles (subscription_id, cycle, order_id, merchant_id, mode, paid) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (subscription_id, cycle) DO UPDATE SET paid = excluded.paid`;
  private static readonly TIMELINE = `INSERT INTO subscription_timeline (position, customer_id, subscription_id, merchant_id, mode, revision, type, occurred_at, summary, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
  private static readonly CLOCK = `INSERT INTO test_clocks (id, merchant_id, mode, revision, state, resource) VALUES (@id, @merchant_id, @mode, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, state = excluded.state, resource = excluded.resource`;

  *apply(recorded: RecordedEvent): SqlJob<void> {
    const kind = this.kinds.find((k) => recorded.streamName.startsWith(k.prefix));
    if (!kind) return;
    const id = recorded.streamName.slice(kind.prefix.length);
    const row = yield* first<{ revision: number; state: string }>(`SELECT revision, state FROM ${kind.table} WHERE id = ?`, [id]);
    const applied = row ? BigInt(row.revision) : -1n;
    if (recorded.revision <= applied) return;
    let state = row ? (JSON.parse(row.state) as { status: string }) : kind.decider.initialState();
    const events = recorded.revision === applied + 1n ? [recorded] : (yield* readStream(recorded.streamName)).filter((e) => e.revision > applied && e.revision <= recorded.revision);
    for (const event of events) {
      state = kind.decider.evolve(state, { type: event.type, data: event.data } as never);
      if (state.status !== 'none') yield* this.write(kind, state, event);
    }
  }

  private *write(kind: Kind, state: { status: string }, recorded: RecordedEvent): SqlJob<void> {
    const { merchant_id, mode, request_id } = recorded.metadata;
    const base = { id: (state as unknown as { id: string }).id, merchant_id, mode, revision: recorded.revision, state: JSON.stringify(state) };
    if (kind.table === 'plans') {
      yield* run(BillingProjection.PLAN, { ...base, seq: recorded.position, status: state.status, resource: JSON.stringify(toPlanResource(state as ExistingPlan)) });
    } else if (kind.table === 'test_clocks') {
      yield* run(BillingProjection.CLOCK, { ...base, resource: JSON.stringify(toTestClockResource(state as ExistingTestClock)) });
    } else {
      const sub = state as ExistingSubscription;
      yield* run(BillingProjection.SUBSCRIPTION, { ...base, seq: recorded.position, customer_id: sub.customer_id, status: sub.status, test_clock_id: sub.test_clock_id, resource: JSON.stringify(toSubscriptionResource(sub, recorded.revision)) });
      for (const c of sub.cycles) yield* run(BillingProjection.CYCLE, [sub.id, c.cycle, c.order_id, merchant_id, mode, c.paid ? 1 : 0]);
      const event = { type: recorded.type, data: recorded.data } as unknown as SubscriptionEvent;
      yield* run(BillingProjection.TIMELINE, [recorded.position, sub.customer_id, sub.id, merchant_id, mode, recorded.revision, recorded.type, event.data.occurred_at, describeSubscriptionEvent(event), request_id ?? null]);
    }
  }
}
