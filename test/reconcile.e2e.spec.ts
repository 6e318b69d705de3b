import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { reconcile } from '../apps/api/src/finance/reconcile.js';
import { SqliteReadDb } from '../apps/api/src/persistence/read-db.js';
import { invoicePaidByBouncedCheckThenWire } from './support/invoice-flows.js';
import { buildOnce, root } from './support/built-server.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * Reconciliation: after a mix of card payments, partial captures, refunds, invoices paid offline
 * and a reversal, the read models agree with the log exactly; tampering with a row, deleting one
 * or adding one the log does not explain is each reported, and the CLI exits 2 with a CSV.
 */
describe('reconcile', () => {
  let t: TestApp;
  const auth = () => bearer(t.keys.aTest);
  const run = () => reconcile(new SqliteReadDb(t.db), t.sqlite.store);

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
    await buildOnce();
    const order = async (amount: number) =>
      (await t.http.post('/v1/orders').set(auth()).send({ currency: 'USD', line_items: [{ name: 'Item', quantity: 1, unit_price_money: usd(amount) }] }).expect(201)).body.data as { id: string };
    for (let i = 0; i < 3; i++) {
      const o = await order(10_000 + i);
      const pi = (await t.http.post('/v1/payment-intents').set(auth()).send({ order_id: o.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth()).send({ amount_money: usd(6000), final: true }).expect(200);
      await t.http.post('/v1/refunds').set(auth()).send({ payment_intent_id: pi.id, amount_money: usd(1000 + i) }).expect(201);
    }
    await invoicePaidByBouncedCheckThenWire(t, 5000, 4000);
  }, 200_000);
  afterAll(() => t.close());

  it('finds no difference when the read models were built from the log', async () => {
    const report = await run();
    expect(report.orders).toBe(4);
    expect(report.rows_checked).toBe(4 + 1 + 3 + 3);
    expect(report.differences).toEqual([]);
  });

  it('reports a tampered amount, a missing row and a row the log does not explain; the CLI exits 2 with a CSV', async () => {
    const [order] = t.db.prepare('SELECT id FROM orders ORDER BY seq LIMIT 1').pluck().all() as string[];
    t.db.prepare(`UPDATE orders SET resource = json_set(resource, '$.amounts.paid_money.amount', 1) WHERE id = ?`).run(order);
    const refund = t.db.prepare('SELECT id FROM refunds LIMIT 1').pluck().get() as string;
    t.db.prepare('DELETE FROM refunds WHERE id = ?').run(refund);
    t.db.prepare(`INSERT INTO invoices SELECT 'inv_Forged00000000000000', order_id, merchant_id, mode, customer_id, NULL, NULL, status, currency, amount_due, amount_paid, amount_remaining,
      due_at, overdue, reminders, last_reminder_kind, issued_at, created_at, updated_at, revision, resource FROM invoices LIMIT 1`).run();
    const report = await run();
    expect(report.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'order', id: order, field: 'amounts' }),
        expect.objectContaining({ kind: 'refund', id: refund, field: '(row)', from_log: 'present', read_model: 'missing' }),
        expect.objectContaining({ kind: 'invoice', id: 'inv_Forged00000000000000', field: '(row)', from_log: 'missing', read_model: 'present' }),
      ]),
    );
    expect(report.differences).toHaveLength(3);
    let status = 0;
    let csv = '';
    try {
      execFileSync(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), 'reconcile', '--format=csv'], { env: { ...process.env, ORDO_DATA_DIR: t.dir, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      status = (error as { status: number }).status;
      csv = (error as { stdout: string }).stdout;
    }
    expect(status).toBe(2);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('kind,id,merchant_id,mode,field,from_log,read_model');
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`refund,${refund},`);
  });
});
