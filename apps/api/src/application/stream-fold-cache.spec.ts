import type { Command, Decider, DomainEvent } from '#ordo/domain';
import { createSqliteEventStore, type EventStore, type NewEvent } from '#ordo/event-store';
import { StreamFoldCache } from './stream-fold-cache.js';

type Added = DomainEvent<'Added', { n: number }>;
interface Sum {
  total: number;
  count: number;
}

/** A decider whose evolve counts its calls: how many events a load folded. */
function counting(): Decider<Command, Added, Sum> & { evolved: number } {
  const decider = {
    evolved: 0,
    initialState: (): Sum => ({ total: 0, count: 0 }),
    evolve(state: Sum, event: Added): Sum {
      decider.evolved++;
      return { total: state.total + event.data.n, count: state.count + 1 };
    },
    decide: () => [],
  };
  return decider;
}

const add = (n: number): NewEvent => ({ type: 'Added', data: { n }, metadata: { merchant_id: 'mer_a', mode: 'test', schema_version: 1 } });

describe('StreamFoldCache (folded streams kept by revision)', () => {
  let store: EventStore;
  beforeEach(() => {
    store = createSqliteEventStore({ path: ':memory:' }).store;
  });
  afterEach(() => store.close());

  it('folds a stream once, then only the events appended since — by this process or any other', async () => {
    const folds = new StreamFoldCache(10);
    const decider = counting();
    await store.append('s-1', [add(1), add(2), add(3)], 'no_stream');
    const first = await folds.load(store, decider, 's-1');
    expect(first.state).toEqual({ total: 6, count: 3 });
    expect(decider.evolved).toBe(3);

    const again = await folds.load(store, decider, 's-1');
    expect(again).toBe(first);
    expect(decider.evolved).toBe(3);

    await store.append('s-1', [add(10)], 2n);
    const later = await folds.load(store, decider, 's-1');
    expect(later.state).toEqual({ total: 16, count: 4 });
    expect(later.recorded.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
    expect(later.history.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 10 }]);
    expect(decider.evolved).toBe(4);
    expect([folds.hits, folds.misses]).toEqual([2, 1]);
  });

  it('keeps no entry for a stream that does not exist yet, so its creation is seen', async () => {
    const folds = new StreamFoldCache(10);
    const decider = counting();
    expect((await folds.load(store, decider, 's-new')).recorded).toEqual([]);
    expect(folds.size).toBe(0);
    await store.append('s-new', [add(5)], 'no_stream');
    expect((await folds.load(store, decider, 's-new')).state).toEqual({ total: 5, count: 1 });
  });

  it('evicts the least recently used stream past its capacity', async () => {
    const folds = new StreamFoldCache(2);
    const decider = counting();
    for (const s of ['a', 'b', 'c']) await store.append(s, [add(1)], 'no_stream');
    await folds.load(store, decider, 'a');
    await folds.load(store, decider, 'b');
    await folds.load(store, decider, 'a'); // a is now the most recent
    await folds.load(store, decider, 'c'); // evicts b
    expect(folds.size).toBe(2);
    const evolvedBefore = decider.evolved;
    await folds.load(store, decider, 'a');
    expect(decider.evolved).toBe(evolvedBefore);
    await folds.load(store, decider, 'b');
    expect(decider.evolved).toBe(evolvedBefore + 1);
  });

  it('keeps nothing at capacity 0, and never answers one decider with another decider fold', async () => {
    await store.append('s', [add(2)], 'no_stream');
    const none = new StreamFoldCache(0);
    const decider = counting();
    await none.load(store, decider, 's');
    await none.load(store, decider, 's');
    expect([none.size, decider.evolved]).toEqual([0, 2]);

    const folds = new StreamFoldCache(10);
    const other = counting();
    await folds.load(store, decider, 's');
    expect((await folds.load(store, other, 's')).state).toEqual({ total: 2, count: 1 });
    expect(other.evolved).toBe(1);
  });

  it('with freeze, a caller that mutates a kept state or history throws instead of corrupting the next request', async () => {
    await store.append('s', [add(2)], 'no_stream');
    const folds = new StreamFoldCache(10, true);
    const loaded = await folds.load(store, counting(), 's');
    expect(() => {
      (loaded.state as Sum).total = 99;
    }).toThrow(TypeError);
    expect(() => (loaded.history as DomainEvent[]).push({ type: 'Added', data: {} })).toThrow(TypeError);
    expect(() => {
      (loaded.recorded[0].data as { n: number }).n = 7;
    }).toThrow(TypeError);
  });
});
