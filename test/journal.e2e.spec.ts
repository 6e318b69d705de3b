import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildOnce, root } from './support/built-server.js';
import { invoicePaidByBouncedCheckThenWire } from './support/invoice-flows.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

/**
 * The double-entry journal and its trial balance over real flows in two currencies: card capture
 * in part and refunds, an invoice paid by check, the check bounced, paid by wire, money refunded
 * by hand, a balance written off. Debits equal credits per currency at every log position, and
 * the accounts agree with the orders: receivable = outstanding, clearing = captured − refunded
 * by card.
 */
describe('journal and trial balance', () => {
  let t: TestApp;
  const auth = () => bearer(t.keys.aTest);
  const eur = (amount: number) => ({ amount, currency: 'EUR' });

  beforeAll(async () => {
    t = await startTestApp({ apiReference: false });
    const order = async (money: { amount: number; currency: string }) =>
      (await t.http.post('/v1/orders').set(auth()).send({ currency: money.currency, line_items: [{ name: 'Item', quantity: 1, unit_price_money: money }] }).expect(201)).body.data as { id: string };
    for (const money of [usd(10_000), eur(7_000)]) {
      const o = await order(money);
      const pi = (await t.http.post('/v1/payment-intents').set(auth()).send({ order_id: o.id, capture_method: 'manual', payment_method: { token: 'tok_visa' }, confirm: true }).expect(201)).body.data;
      await t.http.post(`/v1/payment-intents/${pi.id}/capture`).set(auth()).send({ amount_money: { ...money, amount: 6_000 } }).expect(200);
      await t.http.post('/v1/refunds').set(auth()).send({ payment_intent_id: pi.id, amount_money: { ...money, amount: 1_500 } }).expect(201);
    }
    await invoicePaidByBouncedCheckThenWire(t, 5_000, 12_000);
    const partly = await order(usd(3_000));
    await t.http.post(`/v1/orders/${partly.id}/manual-payments`).set(auth()).send({ amount_money: usd(1_000), method: 'cash', received_at: '2026-02-11' }).expect(201);
    await t.http.post(`/v1/orders/${partly.id}/close`).set(auth()).send({}).expect(200);
  });
  afterAll(() => t.close());

  it('debits equal credits per currency, at every position of the log', async () => {
    const tb = (await t.http.get('/v1/reports/trial-balance').set(auth()).expect(200)).body.data;
    expect(tb.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual(['EUR', 'USD']);
    for (const c of tb.currencies) {
      expect(c.balanced).toBe(true);
      expect(c.total_debit_money.amount).toBe(c.total_credit_money.amount);
      expect(c.total_debit_money.amount).toBeGreaterThan(0);
    }
    const unbalanced = t.db
      .prepare(`SELECT position, currency, SUM(amount) OVER (PARTITION BY currency ORDER BY position, entry, line) AS running, ROW_NUMBER() OVER (PARTITION BY currency, position ORDER BY entry DESC, line DESC) AS last
                  FROM journal_lines`)
      .all()
      .filter((r) => (r as { last: number }).last === 1 && (r as { running: number }).running !== 0);
    expect(unbalanced).toEqual([]);
  });

  it('accounts agree with the orders: receivable = outstanding, clearing = captured − card refunds, bank = what was banked', async () => {
    const orders = (await t.http.get('/v1/orders?page_size=100').set(auth()).expect(200)).body.data as { currency: string; amounts: Record<string, { amount: number }>; payments: unknown[] }[];
    const tb = (await t.http.get('/v1/reports/trial-balance').set(auth()).expect(200)).body.data as { currencies: { currency: string; accounts: { account: string; balance_money: { amount: number } }[] }[] };
    const balance = (currency: string, account: string) => tb.currencies.find((c) => c.currency === currency)!.accounts.find((a) => a.account === account)!.balance_money.amount;
    for (const currency of ['USD', 'EUR']) {
      const mine = orders.filter((o) => o.currency === currency);
      expect(balance(currency, 'accounts_receivable')).toBe(mine.reduce((s, o) => s + o.amounts.outstanding_money!.amount, 0));
      expect(-balance(currency, 'sales')).toBe(mine.reduce((s, o) => s + o.amounts.total_money!.amount, 0));
      expect(balance(currency, 'refunds')).toBe(mine.reduce((s, o) => s + o.amounts.refunded_money!.amount, 0));
      expect(balance(currency, 'bad_debt')).toBe(mine.reduce((s, o) => s + o.amounts.written_off_money!.amount, 0));
    }
    expect(balance('EUR', 'processor_clearing')).toBe(6_000 - 1_500);
    expect(balance('USD', 'processor_clearing')).toBe(6_000 - 1_500);
    expect(balance('USD', 'cash_and_bank')).toBe(12_000 + 1_000);
    // Closed after 1,000 of 3,000 was paid: the rest is bad debt.
    expect(balance('USD', 'bad_debt')).toBe(2_000);
  });

  it('the CLI exports every line as CSV, summing to zero per currency', async () => {
    await buildOnce();
    const csv = execFileSync(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), 'journal:export'], { env: { ...process.env, ORDO_DATA_DIR: t.dir, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [header, ...lines] = csv.trim().split('\n');
    expect(header).toBe('position,entry,line,merchant_id,mode,currency,order_id,reason,account,amount,occurred_at');
    expect(lines.length).toBe((t.db.prepare('SELECT COUNT(*) AS n FROM journal_lines').get() as { n: number }).n);
    const sums = new Map<string, number>();
    for (const line of lines) {
      const cells = line.split(',');
      sums.set(cells[5]!, (sums.get(cells[5]!) ?? 0) + Number(cells[9]));
    }
    expect(Object.fromEntries(sums)).toEqual({ USD: 0, EUR: 0 });
  }, 200_000);

  it("another merchant's journal is empty to them", async () => {
    expect((await t.http.get('/v1/reports/trial-balance').set(bearer(t.keys.bTest)).expect(200)).body.data).toEqual({ object: 'trial_balance', currencies: [] });
    expect((await t.http.get('/v1/reports/trial-balance').set(bearer(t.keys.aLive)).expect(200)).body.data.currencies).toEqual([]);
  });
});
