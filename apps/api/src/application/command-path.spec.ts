import { DomainError, orderDecider, type OrderCommand } from '#ordo/domain';
import { createSqliteEventStore, type EventStore, type NewEvent, type ExpectedRevision } from '#ordo/event-store';
import { loadConfig } from '../config/ordo-config.js';
import { CommandPath } from './command-path.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import type { Projection } from './projections/projection.js';

const NOW = '2026-11-22T10:00:00.000Z';
const ORDER = 'ord_0123456789abcdefABCDEF';
const caller = { merchantId: 'mer_a', mode: 'test' as const, requestId: 'req_1' };
const create: OrderCommand = { type: 'CreateOrder', data: { order_id: ORDER, currency: 'USD' }, now: NOW };
const addLine = (n: number): OrderCommand => ({
  type: 'AddLineItem',
  data: { order_id: ORDER, line_item: { id: `li_${String(n).padStart(24, '0')}`, name: `line ${n}`, quantity: 1, unit_price_money: { amount: 100, currency: 'USD' } } },
  now: NOW,
});

/** The real SQLite store, with another writer slipping in an event before the next `races` appends. */
function racing(store: EventStore, races: { left: number }): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'append') return Reflect.get(target, prop, receiver);
      return async (stream: string, events: NewEvent[], expected: ExpectedRevision) => {
        if (races.left > 0) {
          races.left--;
          await target.append(stream, [{ type: 'OrderDetailsUpdated', data: { order_id: ORDER, changes: { notes: 'rival' }, occurred_at: NOW }, metadata: { ...events[0].metadata } }], expected);
        }
        return target.append(stream, events, expected);
      };
    },
  });
}

function setup(races: number, retries: number) {
  const bundle = createSqliteEventStore({ path: ':memory:' });
  const state = { left: 0 };
  const store = racing(bundle.store, state);
  const seen: string[] = [];
  const projection: Projection = { name: 'seen', schema: [], tables: [], handles: new Set(['CreateOrder', 'OrderCreated', 'LineItemAdded', 'OrderDetailsUpdated']), *apply(e) { seen.push(e.type); } };
  const config = loadConfig({}, { commandRetries: retries, projectionPollMs: 0 });
  const runner = new ProjectionRunner(store, bundle, [projection], config);
  const path = new CommandPath(store, config, runner);
  return { bundle, path, runner, seen, arm: () => (state.left = races) };
}

describe('CommandPath', () => {
  it('re-runs the decision from the new revision when another writer got there first', async () => {
    const { bundle, path, runner, arm } = setup(2, 5);
    await runner.start();
    await path.run(orderDecider, `order-${ORDER}`, create, caller, 'ORDER_CONFLICT');
    arm();
    const outcome = await path.run(orderDecider, `order-${ORDER}`, addLine(1), caller, 'ORDER_CONFLICT');
    // Created (0), two rival updates (1, 2), then our line at revision 3: nothing was lost.
    expect(outcome.revision).toBe(3n);
    const types = (await bundle.store.readStream(`order-${ORDER}`)).map((e) => e.type);
    expect(types).toEqual(['OrderCreated', 'OrderDetailsUpdated', 'OrderDetailsUpdated', 'LineItemAdded']);
    await bundle.close();
  });

  it('answers ORDER_CONFLICT (409) once the bounded retries are used up, having written nothing of its own', async () => {
    const { bundle, path, runner, arm } = setup(10, 2);
    await runner.start();
    await path.run(orderDecider, `order-${ORDER}`, create, caller, 'ORDER_CONFLICT');
    arm();
    const failure = await path.run(orderDecider, `order-${ORDER}`, addLine(1), caller, 'ORDER_CONFLICT').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'ORDER_CONFLICT', kind: 'conflict' });
    const types = (await bundle.store.readStream(`order-${ORDER}`)).map((e) => e.type);
    expect(types).not.toContain('LineItemAdded');
    await bundle.close();
  });

  it("treats another merchant's stream as missing (tenancy lives in the command path)", async () => {
    const { bundle, path, runner } = setup(0, 0);
    await runner.start();
    await path.run(orderDecider, `order-${ORDER}`, create, caller, 'ORDER_CONFLICT');
    const failure = await path.run(orderDecider, `order-${ORDER}`, addLine(1), { ...caller, merchantId: 'mer_b' }, 'ORDER_CONFLICT').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const otherMode = await path.run(orderDecider, `order-${ORDER}`, addLine(1), { ...caller, mode: 'live' }, 'ORDER_CONFLICT').catch((e: unknown) => e);
    expect(otherMode).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    await bundle.close();
  });

  it('waits for the projections before answering (read-your-writes)', async () => {
    const { bundle, path, runner, seen } = setup(0, 0);
    await runner.start();
    await path.run(orderDecider, `order-${ORDER}`, create, caller, 'ORDER_CONFLICT');
    expect(seen).toEqual(['OrderCreated']);
    await path.run(orderDecider, `order-${ORDER}`, addLine(1), caller, 'ORDER_CONFLICT');
    expect(seen).toEqual(['OrderCreated', 'LineItemAdded']);
    await bundle.close();
  });

  it('runs several commands as one append: each decided on the state the previous left', async () => {
    const { bundle, path, runner } = setup(0, 0);
    await runner.start();
    const outcome = await path.runAll(orderDecider, `order-${ORDER}`, [create, addLine(1), addLine(2)], caller, 'ORDER_CONFLICT');
    expect(outcome.revision).toBe(2n);
    expect(outcome.history.map((e) => e.type)).toEqual(['OrderCreated', 'LineItemAdded', 'LineItemAdded']);
    const recorded = await bundle.store.readStream(`order-${ORDER}`);
    // One append (one position block), each event naming the command that produced it.
    expect(recorded.map((e) => e.metadata.command)).toEqual(['CreateOrder', 'AddLineItem', 'AddLineItem']);
    await bundle.close();
  });

  it('writes nothing of a batch when any of its commands is refused', async () => {
    const { bundle, path, runner } = setup(0, 0);
    await runner.start();
    // The same line twice: the second AddLineItem is refused, so the first is not kept either.
    const failure = await path.runAll(orderDecider, `order-${ORDER}`, [create, addLine(1), addLine(1)], caller, 'ORDER_CONFLICT').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect(await bundle.store.readStream(`order-${ORDER}`)).toEqual([]);
    await bundle.close();
  });
});
