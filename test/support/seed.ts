import type { OrderEvent } from '#ordo/domain';
import { ProjectionRunner } from '../../apps/api/src/application/projections/projection-runner.js';
import { orderStreamName } from '../../apps/api/src/orders/order-stream.js';
import type { TestApp } from './test-app.js';

/**
 * "Given these events": appends facts straight to an order's stream, as the command path would
 * have (same metadata), and waits for the projections — so an HTTP or read-model spec can state
 * its starting point as events (emmett's given/when/then) instead of driving a dozen requests.
 */
export async function givenOrderEvents(t: TestApp, orderId: string, events: OrderEvent[], merchant: 'a' | 'b' = 'a'): Promise<void> {
  const result = await t.sqlite.store.append(
    orderStreamName(orderId),
    events.map((e) => ({
      type: e.type,
      data: e.data as unknown as Record<string, unknown>,
      metadata: { merchant_id: t.merchants[merchant], mode: 'test', request_id: 'req_seeded', correlation_id: 'req_seeded', command: 'Seed', schema_version: 1 },
    })),
    'no_stream',
  );
  await t.app.get(ProjectionRunner).waitFor(result.position);
}
