import { createCustomer } from './customers.js';
import { bearer, usd, type ApiClient, type TestApp } from './test-app.js';

/**
 * A finance team's common case: an invoice for 120.00 issued to a new customer, a check for
 * `checkAmount` recorded and then reversed (it bounced), a wire for `wireAmount` recorded.
 * Answers the invoice (with its order id).
 */
export async function invoicePaidByBouncedCheckThenWire(t: ApiClient, checkAmount: number, wireAmount: number): Promise<{ id: string; order_id: string }> {
  const auth = bearer(t.keys.aTest);
  const customer = await createCustomer(t, t.keys.aTest);
  const inv = (await t.http.post('/v1/invoices').set(auth).send({ customer_id: customer, currency: 'USD', line_items: [{ name: 'Licence', quantity: 1, unit_price_money: usd(12_000) }] }).expect(201)).body.data;
  await t.http.post(`/v1/invoices/${inv.id}/issue`).set(auth).expect(200);
  const check = (await t.http.post(`/v1/invoices/${inv.id}/manual-payments`).set(auth).send({ amount_money: usd(checkAmount), method: 'check', received_at: '2026-02-01' }).expect(201)).body.data;
  await t.http.post(`/v1/invoices/${inv.id}/manual-payments/${check.id}/reverse`).set(auth).send({ reason: 'bounced' }).expect(200);
  await t.http.post(`/v1/invoices/${inv.id}/manual-payments`).set(auth).send({ amount_money: usd(wireAmount), method: 'wire', received_at: '2026-02-10' }).expect(201);
  return inv;
}
