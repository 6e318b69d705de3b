import type { OrderCommand } from '#ordo/domain';
import { OrderCommands, type Caller } from '../../apps/api/src/orders/application/order-commands.js';
import { Clock } from '../../apps/api/src/platform/clock.js';
import { randomId } from '../../apps/api/src/platform/ids.js';
import { bearer, type TestApp } from './test-app.js';

/** A clock tests set by hand (starts at a fixed instant, so "now" never drifts between requests). */
export class SettableClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(iso: string | Date): void {
    this.at = new Date(iso);
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const money = (amount: number, currency: string) => ({ amount, currency });

type Key = 'aTest' | 'aLive' | 'bTest';

/**
 * Seeds invoices and manual payments through the command path (the invoice HTTP routes are
 * another slice): orders over HTTP, then order commands with OrderCommands.runAll.
 */
export class Collection {
  private readonly steps: OrderCommands;

  constructor(
    private readonly t: TestApp,
    private readonly key: Key = 'aTest',
  ) {
    this.steps = t.app.get(OrderCommands);
  }

  get caller(): Caller {
    const merchantId = this.key === 'bTest' ? this.t.merchants.b : this.t.merchants.a;
    return { merchantId, mode: this.key === 'aLive' ? 'live' : 'test', requestId: 'req_test' };
  }

  /** A one-line order of `amount` (customer optional). */
  async order(currency: string, amount: number, customerId?: string): Promise<string> {
    const res = await this.t.http
      .post('/v1/orders')
      .set(bearer(this.t.keys[this.key]))
      .send({ currency, ...(customerId ? { customer_id: customerId } : {}), line_items: [{ name: 'Consulting', quantity: 1, unit_price_money: money(amount, currency) }] });
    if (res.status !== 201) throw new Error(`order not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id as string;
  }

  run(orderId: string, commands: Omit<OrderCommand, 'now'>[]) {
    return this.steps.runAll(this.caller, orderId, commands);
  }

  /** A draft invoice for the order, billed to the customer. */
  async draft(orderId: string, customerId: string, daysUntilDue = 0): Promise<string> {
    const invoiceId = randomId('inv_');
    await this.run(orderId, [{ type: 'CreateInvoice', data: { order_id: orderId, invoice_id: invoiceId, customer_id: customerId, days_until_due: daysUntilDue } }]);
    return invoiceId;
  }

  async issue(orderId: string, invoiceId: string): Promise<void> {
    await this.run(orderId, [{ type: 'IssueInvoice', data: { order_id: orderId, invoice_id: invoiceId, number: `INV-${invoiceId.slice(4, 12)}`, pay_token: randomId('pay_').slice(4) } }]);
  }

  /** An order of `amount` with an issued invoice due `daysUntilDue` days after now. */
  async issuedInvoice(customerId: string, currency: string, amount: number, daysUntilDue = 0): Promise<{ orderId: string; invoiceId: string }> {
    const orderId = await this.order(currency, amount, customerId);
    const invoiceId = await this.draft(orderId, customerId, daysUntilDue);
    await this.issue(orderId, invoiceId);
    return { orderId, invoiceId };
  }

  /** Money received by wire, in the order's own currency. */
  async manualPayment(orderId: string, invoiceId: string | null, amount: number): Promise<string> {
    const id = randomId('mp_');
    const currency = (await this.steps.load(this.caller, orderId)).order!.currency;
    await this.run(orderId, [
      { type: 'RecordManualPayment', data: { order_id: orderId, manual_payment_id: id, invoice_id: invoiceId, amount_money: { amount, currency }, method: 'wire', received_at: '2026-01-01' } },
    ]);
    return id;
  }
}
