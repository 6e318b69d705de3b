import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { describeWithPostgres, freshPostgresSchema } from '../testing/postgres-test-schema.js';
import { PostgresEventStore } from './postgres-event-store.js';

describeWithPostgres('PostgreSQL adapter', () => {
  it('several stores (as several processes) append at once: a subscriber sees every position once, in order, with no gap', async () => {
    const { url: scoped, drop } = await freshPostgresSchema('contract');
    const writers = await Promise.all([0, 1, 2].map(() => PostgresEventStore.connect(scoped, { maxBatch: 16 })));
    const reader = await PostgresEventStore.connect(scoped, { subscriptionPollMs: 50 });
    try {
      const seen: bigint[] = [];
      const subscription = reader.subscribeToAll(0n, (e) => void seen.push(e.position));
      const APPENDS = 150;
      const event = (type: string) => ({ type, data: { at: Date.now() }, metadata: { merchant_id: 'mer_1', mode: 'test' as const, schema_version: 1 } });
      await Promise.all(
        writers.flatMap((store, w) =>
          Array.from({ length: APPENDS }, (_, i) => store.append(`stream-${w}-${i % 10}-${i}`, i % 3 === 0 ? [event('A'), event('B')] : [event('A')], 'no_stream')),
        ),
      );
      const head = await reader.headPosition();
      expect(head).toBe(BigInt(3 * (APPENDS + APPENDS / 3)));
      for (let i = 0; i < 200 && BigInt(seen.length) < head; i++) await new Promise((r) => setTimeout(r, 25));
      await subscription.unsubscribe();
      expect(seen).toEqual(Array.from({ length: Number(head) }, (_, i) => BigInt(i + 1)));
    } finally {
      await Promise.all([...writers, reader].map((s) => s.close()));
      await drop();
    }
  }, 30_000);

  it('an append reusing an event id fails alone: the rest of its batch is written (the one-by-one fallback)', async () => {
    const { url: scoped, drop } = await freshPostgresSchema('contract');
    const store = await PostgresEventStore.connect(scoped);
    try {
      const id = randomUUID();
      const event = (withId?: string) => ({ ...(withId ? { id: withId } : {}), type: 'A', data: {}, metadata: { merchant_id: 'mer_1', mode: 'test' as const, schema_version: 1 } });
      // Queued together, so written in one batch.
      const results = await Promise.allSettled([store.append('s-1', [event(id)], 'no_stream'), store.append('s-2', [event(id)], 'no_stream'), store.append('s-3', [event()], 'no_stream')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.readStream('s-1')).map((e) => e.id)).toEqual([id]);
      expect(await store.readStream('s-2')).toEqual([]);
      expect((await store.readAll({ fromPosition: 0n, limit: 10 })).map((e) => e.position)).toEqual([1n, 2n]);
    } finally {
      await store.close();
      await drop();
    }
  });

  describeEventStoreContract('PostgreSQL', async () => {
    const { url: scoped, drop } = await freshPostgresSchema('contract');
    const store = await PostgresEventStore.connect(scoped, { subscriptionPollMs: 100 });
    return {
      store,
      isolated: true,
      close: async () => {
        await store.close();
        await drop();
      },
    };
  });
});
