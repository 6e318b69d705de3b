import { CUSTOMER_EVENT_TYPES, customerDecider, type CustomerEvent, type CustomerState, type ExistingCustomer } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { customerIdOfStream } from '../customer-stream.js';
import { toCustomerResource, toPaymentMethodResource } from './customer-resource.js';
import { describeCustomerEvent } from './describe-customer-event.js';

/**
 * `customers` (one row per customer, with its folded state and the stream revision it last
 * applied: an event at or below it is a replay), `customer_payment_methods` (one row per saved
 * method) and `customer_timeline` (one row per customer fact, keyed by log position).
 * Customer streams are short, so a gap (a rebuild elsewhere) is mended by folding the stream again.
 */
export class CustomersProjection implements Projection {
  readonly name = 'customers';
  // 2: test_clock_id (time-driven jobs tell a test clock's customers from the real clock's).
  readonly version = 2;
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS customers (
       id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL,
       name_lower TEXT, email_lower TEXT, test_clock_id TEXT, created_at TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS customers_by_tenant ON customers (merchant_id, mode, seq DESC)',
    'CREATE INDEX IF NOT EXISTS customers_by_email ON customers (merchant_id, mode, email_lower, seq DESC)',
    'CREATE INDEX IF NOT EXISTS customers_by_test_clock ON customers (test_clock_id) WHERE test_clock_id IS NOT NULL',
    `CREATE TABLE IF NOT EXISTS customer_payment_methods (
       id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       saved_seq INTEGER NOT NULL, removed INTEGER NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS customer_payment_methods_by_customer ON customer_payment_methods (customer_id, saved_seq)',
    `CREATE TABLE IF NOT EXISTS customer_timeline (
       position INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, merchant_id TEXT NOT NULL, mode TEXT NOT NULL,
       revision INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL, summary TEXT NOT NULL, request_id TEXT)`,
    'CREATE INDEX IF NOT EXISTS customer_timeline_by_customer ON customer_timeline (customer_id, position)',
  ];
  readonly tables = ['customers', 'customer_payment_methods', 'customer_timeline'];
  readonly handles: ReadonlySet<string> = new Set(CUSTOMER_EVENT_TYPES);
  private static readonly UPSERT = `INSERT INTO customers (id, merchant_id, mode, seq, name_lower, email_lower, test_clock_id, created_at, revision, state, resource)
          VALUES (@id, @merchant_id, @mode, @seq, @name_lower, @email_lower, @test_clock_id, @created_at, @revision, @state, @resource)
        ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, email_lower = excluded.email_lower,
          revision = excluded.revision, state = excluded.state, resource = excluded.resource`;
  private static readonly METHOD = `INSERT INTO customer_payment_methods (id, customer_id, merchant_id, mode, saved_seq, removed, resource)
          VALUES (@id, @customer_id, @merchant_id, @mode, @saved_seq, @removed, @resource)
        ON CONFLICT (id) DO UPDATE SET removed = excluded.removed, resource = excluded.resource`;
  private static readonly TIMELINE = `INSERT INTO customer_timeline (position, customer_id, merchant_id, mode, revision, type, occurred_at, summary, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

  *apply(recorded: RecordedEvent): SqlJob<void> {
    const customerId = customerIdOfStream(recorded.streamName);
    if (customerId === undefined) return;
    const row = yield* first<{ revision: number; state: string }>('SELECT revision, state FROM customers WHERE id = ?', [customerId]);
    const applied = row ? BigInt(row.revision) : -1n;
    if (recorded.revision <= applied) return;
    let state: CustomerState = row ? (JSON.parse(row.state) as ExistingCustomer) : customerDecider.initialState();
    const events = recorded.revision === applied + 1n ? [recorded] : (yield* readStream(recorded.streamName)).filter((e) => e.revision > applied && e.revision <= recorded.revision);
    for (const event of events) state = yield* this.fold(state, event);
  }

  private *fold(before: CustomerState, recorded: RecordedEvent): SqlJob<CustomerState> {
    const event = { type: recorded.type, data: recorded.data } as unknown as CustomerEvent;
    const after = customerDecider.evolve(before, event);
    if (after.status === 'none') return after;
    const { merchant_id, mode, request_id } = recorded.metadata;
    const tenant = { merchant_id, mode };
    yield* run(CustomersProjection.UPSERT, {
      id: after.id,
      ...tenant,
      seq: recorded.position,
      name_lower: after.name?.toLowerCase() ?? null,
      email_lower: after.email?.toLowerCase() ?? null,
      test_clock_id: after.test_clock_id ?? null,
      created_at: after.created_at,
      revision: recorded.revision,
      state: JSON.stringify(after),
      resource: JSON.stringify(toCustomerResource(after, recorded.revision)),
    });
    if (event.type === 'PaymentMethodSaved' || event.type === 'PaymentMethodRemoved' || event.type === 'DefaultPaymentMethodSet') {
      // A default change touches two methods' is_default: every method row is rewritten (few per customer).
      for (const method of after.payment_methods) {
        yield* run(CustomersProjection.METHOD, {
          id: method.id,
          customer_id: after.id,
          ...tenant,
          saved_seq: event.type === 'PaymentMethodSaved' && event.data.payment_method_id === method.id ? recorded.position : 0,
          removed: method.removed_at === null ? 0 : 1,
          resource: JSON.stringify(toPaymentMethodResource(after, method)),
        });
      }
    }
    yield* run(CustomersProjection.TIMELINE, [recorded.position, after.id, merchant_id, mode, recorded.revision, recorded.type, after.updated_at, describeCustomerEvent(event, before), request_id ?? null]);
    return after;
  }
}
