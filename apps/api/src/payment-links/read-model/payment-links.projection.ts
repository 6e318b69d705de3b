import { PAYMENT_LINK_EVENT_TYPES, paymentLinkDecider, type ExistingPaymentLink, type PaymentLinkEvent, type PaymentLinkState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../../application/projections/projection.js';
import { first, readStream, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { PAYMENT_LINK_STREAM_PREFIX } from '../payment-link-stream.js';
import { toPaymentLinkResource } from './payment-link-resource.js';

/**
 * `payment_links`: one row per link with its folded state and the stream revision it applied
 * (replays change nothing; a gap is mended by folding the stream again).
 */
export class PaymentLinksProjection implements Projection {
  readonly name = 'payment_links';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS payment_links (
       id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL, pay_token TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, resource TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS payment_links_by_tenant ON payment_links (merchant_id, mode, seq DESC)',
  ];
  readonly tables = ['payment_links'];
  readonly handles: ReadonlySet<string> = new Set(PAYMENT_LINK_EVENT_TYPES);
  private static readonly UPSERT = `INSERT INTO payment_links (id, merchant_id, mode, seq, pay_token, status, revision, state, resource)
        VALUES (@id, @merchant_id, @mode, @seq, @pay_token, @status, @revision, @state, @resource)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, revision = excluded.revision, state = excluded.state, resource = excluded.resource`;

  *apply(recorded: RecordedEvent): SqlJob<void> {
    if (!recorded.streamName.startsWith(PAYMENT_LINK_STREAM_PREFIX)) return;
    const id = recorded.streamName.slice(PAYMENT_LINK_STREAM_PREFIX.length);
    const row = yield* first<{ revision: number; state: string }>('SELECT revision, state FROM payment_links WHERE id = ?', [id]);
    const applied = row ? BigInt(row.revision) : -1n;
    if (recorded.revision <= applied) return;
    let state: PaymentLinkState = row ? (JSON.parse(row.state) as PaymentLinkState) : paymentLinkDecider.initialState();
    const events = recorded.revision === applied + 1n ? [recorded] : (yield* readStream(recorded.streamName)).filter((e) => e.revision > applied && e.revision <= recorded.revision);
    for (const event of events) state = paymentLinkDecider.evolve(state, { type: event.type, data: event.data } as PaymentLinkEvent);
    if (state.status === 'none') return;
    const link = state as ExistingPaymentLink;
    yield* run(PaymentLinksProjection.UPSERT, {
      id: link.id,
      merchant_id: recorded.metadata.merchant_id,
      mode: recorded.metadata.mode,
      seq: recorded.position,
      pay_token: link.pay_token,
      status: link.status,
      revision: recorded.revision,
      state: JSON.stringify(link),
      resource: JSON.stringify(toPaymentLinkResource(link)),
    });
  }
}
