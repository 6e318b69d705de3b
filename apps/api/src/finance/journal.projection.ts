import { journalEntries, moneyPosition, ORDER_EVENT_TYPES, orderDecider, type OrderState } from '#ordo/domain';
import type { RecordedEvent } from '#ordo/event-store';
import type { Projection } from '../application/projections/projection.js';
import { StreamFolds, type Folding } from '../application/projections/stream-folds.js';
import { ORDER_STREAM_PREFIX } from '../orders/order-stream.js';
import { run, type SqlJob } from '../persistence/sql/sql-job.js';

const ORDER_FOLDING = orderDecider as unknown as Folding<OrderState>;

/**
 * `journal_lines`: the double-entry journal, the domain's `journalEntries` for every order fact
 * (its money position before and after), two lines per entry keyed by (position, entry, line), so
 * replaying an event writes nothing twice. Debits are positive, credits negative: any prefix of
 * the log sums to zero per currency.
 */
export class JournalProjection implements Projection {
  readonly name = 'journal';
  readonly schema = [
    `CREATE TABLE IF NOT EXISTS journal_lines (
       position INTEGER NOT NULL, entry INTEGER NOT NULL, line INTEGER NOT NULL,
       merchant_id TEXT NOT NULL, mode TEXT NOT NULL, currency TEXT NOT NULL, order_id TEXT NOT NULL,
       reason TEXT NOT NULL, account TEXT NOT NULL, amount INTEGER NOT NULL, occurred_at TEXT NOT NULL,
       PRIMARY KEY (position, entry, line))`,
    'CREATE INDEX IF NOT EXISTS journal_lines_by_tenant ON journal_lines (merchant_id, mode, currency, account)',
    'CREATE INDEX IF NOT EXISTS journal_lines_by_order ON journal_lines (order_id)',
  ];
  readonly tables = ['journal_lines'];
  readonly handles: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);
  private readonly folds = new StreamFolds<OrderState>();
  private static readonly INSERT = `INSERT INTO journal_lines (position, entry, line, merchant_id, mode, currency, order_id, reason, account, amount, occurred_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

  *apply(recorded: RecordedEvent): SqlJob<void> {
    if (!recorded.streamName.startsWith(ORDER_STREAM_PREFIX)) return;
    const { before, after } = yield* this.folds.step(ORDER_FOLDING, recorded);
    const now = moneyPosition(after);
    if (!now || after.status === 'none') return;
    const { merchant_id, mode } = recorded.metadata;
    const occurredAt = typeof recorded.data.occurred_at === 'string' ? recorded.data.occurred_at : recorded.recordedAt;
    const entries = journalEntries(moneyPosition(before), now);
    for (const [i, entry] of entries.entries()) {
      for (const [l, line] of entry.lines.entries()) {
        yield* run(JournalProjection.INSERT, [recorded.position, i, l, merchant_id, mode, entry.currency, after.id, entry.reason, line.account, line.amount, occurredAt]);
      }
    }
  }
}
