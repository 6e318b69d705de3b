/// <reference types="jest" />
// Uses Jest's globals (describe/it/expect) rather than importing '@jest/globals', which throws
// when loaded outside Jest: this file is reachable from the library's barrel, and importing it
// must stay harmless at run time (only calling describeEventStoreContract needs Jest).
import { randomUUID } from 'node:crypto';
import {
  InvalidAppendError,
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '../event-store.port.js';

export interface ContractSubject {
  store: EventStore;
  close(): Promise<void>;
  /**
   * True when nothing but this test writes to the store (a fresh SQLite file). A shared
   * KurrentDB server is not isolated: assertions about the whole log then only look at the
   * test's own streams.
   */
  isolated?: boolean;
}

/**
 * The behaviour every EventStore adapter must have. Stream names carry a random suffix so the
 * suite can run against a shared server, in parallel with other runs.
 */
export function describeEventStoreContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    const streamName = (label: string) => `contract_${label}-${run}-${++counter}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.close();
    });

    describe('append', () => {
      it('creates a stream with no_stream; revisions start at 0n', async () => {
        const stream = streamName('create');
        const result = await store.append(stream, [event('OrderCreated'), event('LineItemAdded'), event('LineItemAdded')], 'no_stream');
        expect(result.nextExpectedRevision).toBe(2n);
        expect(typeof result.position).toBe('bigint');
        expect(result.position).toBeGreaterThan(0n);
      });

      it('refuses no_stream on an existing stream and reports the actual revision', async () => {
        const stream = streamName('exists');
        await store.append(stream, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const error = await rejection(store.append(stream, [event('OrderCreated')], 'no_stream'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamName: stream, expected: 'no_stream', actual: 1n });
      });

      it('appends at the exact expected revision', async () => {
        const stream = streamName('exact');
        const first = await store.append(stream, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const second = await store.append(stream, [event('LineItemAdded')], first.nextExpectedRevision);
        expect(second.nextExpectedRevision).toBe(2n);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('refuses a stale revision and carries the actual one', async () => {
        const stream = streamName('stale');
        await store.append(stream, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const error = await rejection(store.append(stream, [event('LineItemAdded')], 0n));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: stream, expected: 0n, actual: 1n });
      });

      it('refuses a revision ahead of the stream', async () => {
        const stream = streamName('ahead');
        await store.append(stream, [event('OrderCreated')], 'no_stream');
        await expect(store.append(stream, [event('LineItemAdded')], 5n)).rejects.toMatchObject({ expected: 5n, actual: 0n });
      });

      it('refuses an exact revision on a stream that does not exist (actual no_stream)', async () => {
        const stream = streamName('missing');
        const error = await rejection(store.append(stream, [event('OrderCreated')], 0n));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 0n, actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('rejects an empty append and writes nothing', async () => {
        const stream = streamName('empty');
        const error = await rejection(store.append(stream, [], 'no_stream'));
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect(error).toMatchObject({ code: 'INVALID_APPEND' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('rejects an expected revision that is neither no_stream nor a bigint >= 0n', async () => {
        const stream = streamName('bad-expected');
        await expect(store.append(stream, [event('OrderCreated')], -1n)).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(stream, [event('OrderCreated')], 0 as unknown as bigint)).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(stream, [event('OrderCreated')], 'any' as unknown as 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('writes nothing when the append fails on its revision', async () => {
        const stream = streamName('failed');
        const before = await store.headPosition();
        await store.append(stream, [event('OrderCreated')], 'no_stream');
        await expect(store.append(stream, [event('A'), event('B'), event('C')], 7n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['OrderCreated']);
        const mine = (await readAllFrom(store, before)).filter((e) => e.streamName === stream);
        expect(mine).toHaveLength(1);
      });

      it('writes nothing when one event of the append cannot be serialised', async () => {
        const stream = streamName('unserialisable');
        const bad = event('LineItemAdded', { amount: 10n as unknown as number });
        await expect(store.append(stream, [event('OrderCreated'), bad, event('LineItemAdded')], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream(stream)).toEqual([]);
        // The stream is still free to be created.
        await expect(store.append(stream, [event('OrderCreated')], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0n });
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
        const stream = streamName('race');
        const start = await store.append(stream, [event('OrderCreated')], 'no_stream');
        const attempts = Array.from({ length: 20 }, (_, i) => store.append(stream, [event('PaymentCaptured', { attempt: i })], start.nextExpectedRevision));
        const outcomes = await Promise.allSettled(attempts);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const o of lost) {
          expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(o.reason).toMatchObject({ expected: 0n, actual: 1n });
        }
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0n, 1n]);
      });

      it('lets exactly one of 20 concurrent stream creations win', async () => {
        const stream = streamName('race-create');
        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.append(stream, [event('OrderCreated', { attempt: i })], 'no_stream')));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('appends 1000 events atomically, with contiguous revisions and increasing positions', async () => {
        const stream = streamName('large');
        const events = Array.from({ length: 1000 }, (_, i) => event('LineItemAdded', { index: i, name: `item ${i}` }));
        const result = await store.append(stream, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(999n);
        const read = await store.readStream(stream);
        expect(read).toHaveLength(1000);
        read.forEach((e, i) => {
          expect(e.revision).toBe(BigInt(i));
          expect(e.data).toEqual({ index: i, name: `item ${i}` });
          if (i > 0) expect(e.position).toBeGreaterThan(read[i - 1].position);
        });
        expect(result.position).toBe(read[999].position);
      });

      it('writes none of 1000 events when the append fails', async () => {
        const stream = streamName('large-failed');
        await store.append(stream, [event('OrderCreated')], 'no_stream');
        const events = Array.from({ length: 1000 }, (_, i) => event('LineItemAdded', { index: i }));
        await expect(store.append(stream, events, 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      it('returns the events in revision order with everything that was appended', async () => {
        const stream = streamName('read');
        const ids = [randomUUID(), randomUUID(), randomUUID()];
        await store.append(stream, [event('OrderCreated', { n: 0 }, ids[0]), event('LineItemAdded', { n: 1 }, ids[1])], 'no_stream');
        const last = await store.append(stream, [event('OrderClosed', { n: 2 }, ids[2])], 1n);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.id, e.type, e.revision, e.data, e.streamName])).toEqual([
          [ids[0], 'OrderCreated', 0n, { n: 0 }, stream],
          [ids[1], 'LineItemAdded', 1n, { n: 1 }, stream],
          [ids[2], 'OrderClosed', 2n, { n: 2 }, stream],
        ]);
        expect(events[2].position).toBe(last.position);
        for (const e of events) {
          expect(typeof e.position).toBe('bigint');
          expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
        }
      });

      it('gives every event an id when none was supplied', async () => {
        const stream = streamName('ids');
        await store.append(stream, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const [a, b] = await store.readStream(stream);
        expect(a.id).toMatch(/^[0-9a-f-]{36}$/i);
        expect(b.id).not.toBe(a.id);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(streamName('unknown'))).toEqual([]);
      });

      it('reads from a revision on (inclusive): the tail a cached fold is missing, [] past the end', async () => {
        const stream = streamName('from');
        await store.append(stream, [event('OrderCreated', { n: 0 }), event('LineItemAdded', { n: 1 }), event('OrderClosed', { n: 2 })], 'no_stream');
        expect((await store.readStream(stream, 1n)).map((e) => [e.revision, e.data])).toEqual([
          [1n, { n: 1 }],
          [2n, { n: 2 }],
        ]);
        expect((await store.readStream(stream, 0n)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(await store.readStream(stream, 3n)).toEqual([]);
        expect(await store.readStream(streamName('unknown'), 5n)).toEqual([]);
        await expect(store.readStream(stream, -1n)).rejects.toThrow(RangeError);
      });

      it('round-trips data and metadata exactly: unicode, nesting, arrays, null, numbers', async () => {
        const stream = streamName('roundtrip');
        const data = {
          name: 'Café «crème» — 日本語 — עברית — 🧾💳 — e\u0301',
          nested: { level: { deeper: { list: [1, 'two', { three: 3 }, [4]], empty: {}, none: null } } },
          amount: { amount: 2500, currency: 'USD' },
          big: '9007199254740993',
          negative: -0.5,
          flag: false,
          blank: '',
          quotes: 'it\'s "quoted" \\ back\nslash\ttab \u0000 nul',
        };
        const metadata: EventMetadata = {
          merchant_id: 'mer_ü',
          mode: 'live',
          request_id: 'req_1',
          idempotency_key: 'ключ-🔑',
          correlation_id: 'c',
          causation_id: 'd',
          schema_version: 3,
          extra: { tags: ['a', 'b'] },
        };
        await store.append(stream, [{ type: 'OrderCreated', data, metadata }], 'no_stream');
        const [read] = await store.readStream(stream);
        expect(read.data).toEqual(data);
        expect(read.metadata).toEqual(metadata);
      });
    });

    describe('the global log', () => {
      it('gives strictly increasing positions across streams', async () => {
        const a = streamName('pos-a');
        const b = streamName('pos-b');
        const before = await store.headPosition();
        const r1 = await store.append(a, [event('OrderCreated')], 'no_stream');
        const r2 = await store.append(b, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const r3 = await store.append(a, [event('LineItemAdded')], 0n);
        expect(r2.position).toBeGreaterThan(r1.position);
        expect(r3.position).toBeGreaterThan(r2.position);
        const positions = [...(await store.readStream(a)), ...(await store.readStream(b))].map((e) => e.position).sort(compare);
        expect(new Set(positions).size).toBe(4);
        const all = (await readAllFrom(store, before)).filter((e) => e.streamName === a || e.streamName === b);
        expect(all.map((e) => [e.streamName, e.revision])).toEqual([
          [a, 0n],
          [b, 0n],
          [b, 1n],
          [a, 1n],
        ]);
        expectIncreasing(all);
      });

      it('pages readAll from a position (exclusive) with a limit', async () => {
        const stream = streamName('paging');
        await store.append(stream, Array.from({ length: 5 }, (_, i) => event('LineItemAdded', { i })), 'no_stream');
        const mine = await store.readStream(stream);
        // One append is contiguous in the log, whatever else is written around it.
        const page1 = await store.readAll({ fromPosition: mine[0].position, limit: 2 });
        expect(page1.map((e) => e.id)).toEqual([mine[1].id, mine[2].id]);
        const page2 = await store.readAll({ fromPosition: page1[1].position, limit: 2 });
        expect(page2.map((e) => e.id)).toEqual([mine[3].id, mine[4].id]);
        expect(page2[0]).toEqual(mine[3]);
        const first = await store.readAll({ fromPosition: 0n, limit: 1 });
        expect(first).toHaveLength(1);
        expect(first[0].position).toBeGreaterThan(0n);
      });

      it('returns [] from the head of the log', async () => {
        const stream = streamName('head-read');
        const result = await store.append(stream, [event('OrderCreated')], 'no_stream');
        const after = (await store.readAll({ fromPosition: result.position, limit: 100 })).filter((e) => e.streamName === stream);
        expect(after).toEqual([]);
      });

      it('reports the head position', async () => {
        if (subject.isolated) expect(await store.headPosition()).toBe(0n);
        const stream = streamName('head');
        const result = await store.append(stream, [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
        const head = await store.headPosition();
        expect(typeof head).toBe('bigint');
        expect(head).toBeGreaterThanOrEqual(result.position);
        if (subject.isolated) {
          expect(head).toBe(result.position);
          expect(await store.readAll({ fromPosition: head, limit: 10 })).toEqual([]);
        }
      });
    });

    describe('subscribeToAll', () => {
      it('delivers the catch-up then live events, in order, exactly once, then stops on unsubscribe', async () => {
        const stream = streamName('sub');
        const before = await store.headPosition();
        await store.append(stream, [event('A', { n: 0 }), event('B', { n: 1 })], 'no_stream');
        await store.append(stream, [event('C', { n: 2 })], 1n);

        const seen: RecordedEvent[] = [];
        let running = 0;
        let overlapped = false;
        const subscription = store.subscribeToAll(before, async (e) => {
          if (e.streamName !== stream) return;
          running++;
          if (running > 1) overlapped = true;
          await sleep(2);
          seen.push(e);
          running--;
        });
        await waitFor(() => seen.length >= 3);
        await store.append(stream, [event('D', { n: 3 })], 2n);
        await store.append(stream, [event('E', { n: 4 }), event('F', { n: 5 })], 3n);
        await waitFor(() => seen.length >= 6);
        await subscription.unsubscribe();

        await store.append(stream, [event('G', { n: 6 })], 5n);
        await sleep(300);
        expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expectIncreasing(seen);
        expect(overlapped).toBe(false);
        await expect(subscription.done).resolves.toBeUndefined();
      });

      it('starts after the given position (exclusive)', async () => {
        const stream = streamName('sub-from');
        await store.append(stream, [event('A'), event('B'), event('C')], 'no_stream');
        const [a] = await store.readStream(stream);
        const seen: string[] = [];
        const subscription = store.subscribeToAll(a.position, (e) => {
          if (e.streamName === stream) seen.push(e.type);
        });
        await waitFor(() => seen.length >= 2);
        await subscription.unsubscribe();
        expect(seen).toEqual(['B', 'C']);
      });

      it('delivers events appended concurrently by many writers, none twice, none skipped', async () => {
        const prefix = streamName('sub-many');
        const before = await store.headPosition();
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(before, (e) => {
          if (e.streamName.startsWith(prefix)) seen.push(e);
        });
        const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.append(`${prefix}-${i}`, [event('A'), event('B')], 'no_stream')));
        await waitFor(() => seen.length >= 50);
        await sleep(50);
        await subscription.unsubscribe();
        expect(seen).toHaveLength(50);
        expectIncreasing(seen);
        const appended = new Set(results.map((r) => r.position));
        for (const r of appended) expect(seen.some((e) => e.position === r)).toBe(true);
      });

      it('resolves unsubscribe only once the running handler has finished', async () => {
        const stream = streamName('sub-idle');
        const before = await store.headPosition();
        await store.append(stream, [event('A')], 'no_stream');
        let entered = false;
        let finished = false;
        const subscription = store.subscribeToAll(before, async (e) => {
          if (e.streamName !== stream) return;
          entered = true;
          await sleep(100);
          finished = true;
        });
        await waitFor(() => entered);
        await subscription.unsubscribe();
        expect(finished).toBe(true);
      });

      it('can be unsubscribed from inside its own handler', async () => {
        const stream = streamName('sub-self');
        const before = await store.headPosition();
        await store.append(stream, [event('A'), event('B'), event('C')], 'no_stream');
        const seen: string[] = [];
        const holder: { subscription?: Subscription } = {};
        holder.subscription = store.subscribeToAll(before, async (e) => {
          if (e.streamName !== stream) return;
          seen.push(e.type);
          if (e.type === 'B') await holder.subscription!.unsubscribe();
        });
        await holder.subscription.done;
        expect(seen).toEqual(['A', 'B']);
      });

      it('stops at a handler error, rejects done, and does not count the event as delivered', async () => {
        const stream = streamName('sub-error');
        const before = await store.headPosition();
        await store.append(stream, [event('A'), event('B'), event('C')], 'no_stream');
        const seen: string[] = [];
        const subscription = store.subscribeToAll(before, (e) => {
          if (e.streamName !== stream) return;
          if (e.type === 'B') throw new Error('projection broke');
          seen.push(e.type);
        });
        await expect(subscription.done).rejects.toThrow('projection broke');
        expect(seen).toEqual(['A']);
        await expect(subscription.unsubscribe()).resolves.toBeUndefined();
      });
    });
  });
}

function event(type: string, data: Record<string, unknown> = {}, id?: string): NewEvent {
  return { type, data, metadata: { merchant_id: 'mer_contract', mode: 'test', schema_version: 1 }, ...(id ? { id } : {}) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function readAllFrom(store: EventStore, from: bigint): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let position = from;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, limit: 500 });
    if (page.length === 0) return out;
    out.push(...page);
    position = page[page.length - 1].position;
  }
}

function expectIncreasing(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(events[i].position).toBeGreaterThan(events[i - 1].position);
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(5);
  }
}
