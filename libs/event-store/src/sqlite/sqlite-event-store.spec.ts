import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError, type NewEvent } from '../event-store.port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { createSqliteEventStore, type SqliteEventStoreBundle } from './create-sqlite-event-store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-es-'));
  dirs.push(dir);
  return join(dir, 'nested', 'events.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SQLite file (synchronous=FULL, group commit)', async () => {
  const bundle = createSqliteEventStore({ path: tempFile() });
  return { store: bundle.store, close: bundle.close, isolated: true };
});

describeEventStoreContract('SQLite :memory:', async () => {
  const bundle = createSqliteEventStore({ path: ':memory:' });
  return { store: bundle.store, close: bundle.close, isolated: true };
});

describeEventStoreContract('SQLite file without group commit', async () => {
  const bundle = createSqliteEventStore({ path: tempFile(), groupCommit: false });
  return { store: bundle.store, close: bundle.close, isolated: true };
});

const event = (type: string, data: Record<string, unknown> = {}, id?: string): NewEvent => ({
  type,
  data,
  metadata: { merchant_id: 'mer_1', mode: 'test', schema_version: 1 },
  ...(id ? { id } : {}),
});

describe('SqliteEventStore specifics', () => {
  let bundle: SqliteEventStoreBundle;
  let path: string;
  beforeEach(() => {
    path = tempFile();
    bundle = createSqliteEventStore({ path });
  });
  afterEach(async () => {
    await bundle.close();
  });

  it('group-commits: 64 concurrent appends take far fewer than 64 transactions', async () => {
    const before = bundle.writer.committedBatches;
    await Promise.all(Array.from({ length: 64 }, (_, i) => bundle.store.append(`order-${i}`, [event('OrderCreated')], 'no_stream')));
    const batches = bundle.writer.committedBatches - before;
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(4);
  });

  it('fails a conflicting append alone: the rest of its batch commits', async () => {
    await bundle.store.append('order-x', [event('OrderCreated')], 'no_stream');
    const before = bundle.writer.committedBatches;
    const others = Array.from({ length: 10 }, (_, i) => bundle.store.append(`order-${i}`, [event('OrderCreated')], 'no_stream'));
    const conflicting = bundle.store.append('order-x', [event('OrderCreated')], 'no_stream');
    const winner = bundle.store.append('order-x', [event('LineItemAdded')], 0n);
    const loser = bundle.store.append('order-x', [event('LineItemAdded')], 0n);
    await expect(conflicting).rejects.toMatchObject({ actual: 0n });
    await expect(loser).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(winner).resolves.toMatchObject({ nextExpectedRevision: 1n });
    await expect(Promise.all(others)).resolves.toHaveLength(10);
    expect(bundle.writer.committedBatches - before).toBe(1);
    expect((await bundle.store.readStream('order-x')).map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded']);
  });

  it('rolls back a half-written append (duplicate event id) without touching its batch', async () => {
    const id = '6f1c3a52-1111-4222-8333-444455556666';
    await bundle.store.append('order-a', [event('OrderCreated', {}, id)], 'no_stream');
    const ok = bundle.store.append('order-b', [event('OrderCreated')], 'no_stream');
    // The second event collides on id after the first one was inserted: the savepoint undoes both.
    const bad = bundle.store.append('order-c', [event('OrderCreated'), event('LineItemAdded', {}, id)], 'no_stream');
    await expect(bad).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(ok).resolves.toMatchObject({ nextExpectedRevision: 0n });
    expect(await bundle.store.readStream('order-c')).toEqual([]);
    await expect(bundle.store.append('order-c', [event('OrderCreated')], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0n });
  });

  it('returns positions and revisions as bigint, exact beyond Number.MAX_SAFE_INTEGER', async () => {
    await bundle.store.append('order-a', [event('OrderCreated')], 'no_stream');
    const beyond = 2n ** 53n + 10n;
    bundle.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(beyond);
    const result = await bundle.store.append('order-a', [event('LineItemAdded'), event('LineItemAdded')], 0n);
    expect(result.position).toBe(beyond + 2n);
    const read = await bundle.store.readStream('order-a');
    expect(read.map((e) => e.position)).toEqual([1n, beyond + 1n, beyond + 2n]);
    expect(read.every((e) => typeof e.revision === 'bigint')).toBe(true);
    expect(await bundle.store.headPosition()).toBe(beyond + 2n);
    const page = await bundle.store.readAll({ fromPosition: beyond + 1n, limit: 10 });
    expect(page.map((e) => e.position)).toEqual([beyond + 2n]);
  });

  it('stamps recordedAt with the injected clock', async () => {
    await bundle.close();
    bundle = createSqliteEventStore({ path, clock: () => '2030-01-02T03:04:05.000Z' });
    await bundle.store.append('order-a', [event('OrderCreated')], 'no_stream');
    expect((await bundle.store.readStream('order-a'))[0].recordedAt).toBe('2030-01-02T03:04:05.000Z');
  });

  it('keeps the log across a reopen and continues revisions and positions', async () => {
    const first = await bundle.store.append('order-a', [event('OrderCreated'), event('LineItemAdded')], 'no_stream');
    await bundle.close();
    bundle = createSqliteEventStore({ path });
    const second = await bundle.store.append('order-a', [event('OrderClosed')], first.nextExpectedRevision);
    expect(second).toEqual({ nextExpectedRevision: 2n, position: first.position + 1n });
  });

  it('writes appends still queued when the bundle is closed', async () => {
    const pending = bundle.store.append('order-a', [event('OrderCreated')], 'no_stream');
    await bundle.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    bundle = createSqliteEventStore({ path });
    expect(await bundle.store.readStream('order-a')).toHaveLength(1);
  });

  it('refuses appends after the store is closed', async () => {
    await bundle.store.close();
    await expect(bundle.store.append('order-a', [event('OrderCreated')], 'no_stream')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('delivers, to a live subscription, events another connection appended (poll)', async () => {
    await bundle.close();
    bundle = createSqliteEventStore({ path, subscriptionPollMs: 20 });
    const other = createSqliteEventStore({ path });
    try {
      const seen: string[] = [];
      const subscription = bundle.store.subscribeToAll(0n, (e) => void seen.push(e.streamName));
      await other.store.append('from-cli', [event('OrderCreated')], 'no_stream');
      const deadline = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await subscription.unsubscribe();
      expect(seen).toEqual(['from-cli']);
    } finally {
      await other.close();
    }
  });

  it('honours the durability setting', async () => {
    expect(bundle.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(bundle.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const normal = createSqliteEventStore({ path: tempFile(), synchronous: 'NORMAL' });
    try {
      expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await normal.close();
    }
  });
});
