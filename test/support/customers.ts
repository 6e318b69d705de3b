import { CustomerCommands } from '../../apps/api/src/customers/application/customer-commands.js';
import { bearer, type ApiClient, type TestApp } from './test-app.js';

/** Creates a customer over HTTP (under the given key) and answers its id. */
export async function createCustomer(t: ApiClient, key: string, body: Record<string, unknown> = { name: 'Jane Doe', email: 'jane@example.com' }): Promise<string> {
  const res = await t.http.post('/v1/customers').set(bearer(key)).send(body);
  if (res.status !== 201) throw new Error(`customer not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
}

/** Saves a card to a customer from a token; answers the payment method id. */
export async function saveCard(t: ApiClient, key: string, customerId: string, token = 'tok_visa', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http.post(`/v1/customers/${customerId}/payment-methods`).set(bearer(key)).send({ token, ...extra });
  if (res.status !== 201) throw new Error(`card not saved: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
}

/**
 * Customers with fixed ids (tests that name their customers), recorded through the application's
 * own customer command path, for merchant A or B in one mode. Already there is fine.
 */
export async function givenCustomers(t: TestApp, ids: readonly string[], who: { merchant?: 'a' | 'b'; mode?: 'test' | 'live' } = {}): Promise<void> {
  const commands = t.app.get(CustomerCommands);
  const caller = { merchantId: t.merchants[who.merchant ?? 'a'], mode: who.mode ?? 'test', requestId: 'req_givenCustomers0000001' } as const;
  for (const id of ids) {
    if (await commands.load(caller, id)) continue;
    await commands.run(caller, id, { type: 'CreateCustomer', data: { customer_id: id } });
  }
}
