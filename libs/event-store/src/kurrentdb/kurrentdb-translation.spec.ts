import { PassThrough } from 'node:stream';
import { StreamNotFoundError, WrongExpectedVersionError, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevisionError } from '../event-store.port.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

// Unit tests of the translation between the port and the client's types, over a stub client.
// They prove nothing about a server: that is the contract suite's job (kurrentdb-event-store.spec.ts,
// run when KURRENTDB_URL is set).

const metadata = { merchant_id: 'mer_1', mode: 'test' as const, schema_version: 1 };

function recorded(position: bigint, overrides: Record<string, unknown> = {}) {
  return {
    event: {
      streamId: 'order-1',
      id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
      isJson: true,
      revision: position / 100n,
      type: 'OrderCreated',
      created: new Date('2030-01-01T00:00:00.000Z'),
      data: { n: Number(position) },
      metadata,
      position: { commit: position, prepare: position },
      ...overrides,
    },
  };
}

async function* iterate<T>(items: T[], error?: Error): AsyncIterableIterator<T> {
  for (const item of items) yield item;
  if (error) throw error;
}

function stub(methods: Partial<Record<keyof KurrentDBClient, unknown>>): KurrentDBClient {
  return methods as unknown as KurrentDBClient;
}

describe('KurrentDB adapter translation (stub client)', () => {
  it('maps WrongExpectedVersionError to WrongExpectedRevisionError with the actual revision', async () => {
    const client = stub({
      appendToStream: async () => {
        throw new WrongExpectedVersionError(undefined, { streamName: 'order-1', expected: 'no_stream', current: 4n } as never);
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    const attempt = store.append('order-1', [{ type: 'OrderCreated', data: {}, metadata }], 'no_stream');
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(attempt).rejects.toMatchObject({ expected: 'no_stream', actual: 4n });
  });

  it('sends NO_STREAM or the exact revision as stream state, JSON events with our metadata', async () => {
    const calls: unknown[] = [];
    const client = stub({
      appendToStream: async (...args: unknown[]) => {
        calls.push(args);
        return { success: true, nextExpectedRevision: 3n, position: { commit: 700n, prepare: 700n } };
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    const result = await store.append('order-1', [{ type: 'PaymentCaptured', data: { a: 1 }, metadata }], 2n);
    expect(result).toEqual({ nextExpectedRevision: 3n, position: 700n });
    const [stream, events, options] = calls[0] as [string, Array<Record<string, unknown>>, Record<string, unknown>];
    expect(stream).toBe('order-1');
    expect(options).toEqual({ streamState: 2n });
    expect(events[0]).toMatchObject({ contentType: 'application/json', type: 'PaymentCaptured', data: { a: 1 }, metadata });
  });

  it('reads back the last event position after a multi-event append', async () => {
    const client = stub({
      appendToStream: async () => ({ success: true, nextExpectedRevision: 1n, position: { commit: 100n, prepare: 100n } }),
      readStream: (_name: string, options: { fromRevision: bigint }) => {
        expect(options.fromRevision).toBe(1n);
        return iterate([recorded(250n)]);
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    const result = await store.append('order-1', [{ type: 'A', data: {}, metadata }, { type: 'B', data: {}, metadata }], 'no_stream');
    expect(result).toEqual({ nextExpectedRevision: 1n, position: 250n });
  });

  it('answers [] when StreamNotFoundError surfaces while iterating', async () => {
    const client = stub({ readStream: () => iterate([], new StreamNotFoundError(undefined, 'order-1')) });
    const store = await KurrentDBEventStore.fromClient(client);
    expect(await store.readStream('order-1')).toEqual([]);
  });

  it('reads $all from the exact position, skips the event at it and system events, and honours the limit', async () => {
    let options: Record<string, unknown> = {};
    const client = stub({
      readAll: (o: Record<string, unknown>) => {
        options = o;
        return iterate([recorded(500n), recorded(600n, { type: '$metadata' }), recorded(700n), recorded(800n)]);
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    const page = await store.readAll({ fromPosition: 500n, limit: 1 });
    expect(page.map((e) => e.position)).toEqual([700n]);
    expect(page[0]).toMatchObject({ streamName: 'order-1', data: { n: 700 }, metadata, recordedAt: '2030-01-01T00:00:00.000Z' });
    expect(options).toMatchObject({ fromPosition: { commit: 500n, prepare: 500n }, maxCount: 2, filter: { regex: '^[^$].*' } });
  });

  it('reads the head backwards from the end, one non-system event', async () => {
    let options: Record<string, unknown> = {};
    const client = stub({
      readAll: (o: Record<string, unknown>) => {
        options = o;
        return iterate([recorded(900n)]);
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    expect(await store.headPosition()).toBe(900n);
    expect(options).toMatchObject({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  });

  it('subscribes from the exact position, skips system events and what was already delivered, and cancels the call', async () => {
    const stream = Object.assign(new PassThrough({ objectMode: true }), { cancelled: false, unsubscribe: async () => void (stream.cancelled = true) });
    let options: Record<string, unknown> = {};
    const client = stub({
      subscribeToAll: (o: Record<string, unknown>) => {
        options = o;
        return stream;
      },
    });
    const store = await KurrentDBEventStore.fromClient(client);
    const seen: bigint[] = [];
    const subscription = store.subscribeToAll(500n, (e) => void seen.push(e.position));
    for (const item of [recorded(500n), recorded(600n), recorded(650n, { type: '$statsCollected' }), recorded(600n), recorded(700n)]) stream.write(item);
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    await subscription.unsubscribe();
    expect(seen).toEqual([600n, 700n]);
    expect(stream.cancelled).toBe(true);
    expect(options).toMatchObject({ fromPosition: { commit: 500n, prepare: 500n }, filter: { regex: '^[^$].*' } });
    await expect(subscription.done).resolves.toBeUndefined();
  });
});
