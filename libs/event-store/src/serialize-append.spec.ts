import { InvalidAppendError, type NewEvent } from './event-store.port.js';
import { serializeAppend, uuidV7 } from './serialize-append.js';

const metadata = { merchant_id: 'mer_1', mode: 'test' as const, schema_version: 1 };
const ok: NewEvent = { type: 'OrderCreated', data: { a: 1 }, metadata };

describe('serializeAppend', () => {
  it('serialises data and metadata once and gives every event a UUID', () => {
    const [row] = serializeAppend('order-1', [ok], 'no_stream');
    expect(row).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'OrderCreated', data: '{"a":1}', metadata: JSON.stringify(metadata) });
  });

  it('keeps a supplied UUID', () => {
    const id = '0b0e4b3e-9c59-4c59-9e0f-3b1f1f6a2c11';
    expect(serializeAppend('order-1', [{ ...ok, id }], 0n)[0].id).toBe(id);
  });

  it.each<[string, () => unknown]>([
    ['no events', () => serializeAppend('order-1', [], 'no_stream')],
    ['an empty stream name', () => serializeAppend('', [ok], 'no_stream')],
    ['a system stream name', () => serializeAppend('$settings', [ok], 'no_stream')],
    ['a negative revision', () => serializeAppend('order-1', [ok], -1n)],
    ['a number revision', () => serializeAppend('order-1', [ok], 1 as unknown as bigint)],
    ['"any"', () => serializeAppend('order-1', [ok], 'any' as unknown as 'no_stream')],
    ['an empty type', () => serializeAppend('order-1', [{ ...ok, type: '' }], 'no_stream')],
    ['a system event type', () => serializeAppend('order-1', [{ ...ok, type: '$>' }], 'no_stream')],
    ['array data', () => serializeAppend('order-1', [{ ...ok, data: [] as unknown as Record<string, unknown> }], 'no_stream')],
    ['missing metadata', () => serializeAppend('order-1', [{ ...ok, metadata: undefined as unknown as typeof metadata }], 'no_stream')],
    ['a non-UUID id', () => serializeAppend('order-1', [{ ...ok, id: 'evt_1' }], 'no_stream')],
    ['a BigInt in data', () => serializeAppend('order-1', [ok, { ...ok, data: { n: 1n } }], 'no_stream')],
  ])('refuses %s with InvalidAppendError', (_label, attempt) => {
    expect(attempt).toThrow(InvalidAppendError);
  });
});

describe('uuidV7', () => {
  it('is an RFC 9562 version 7 UUID carrying the millisecond time', () => {
    const id = uuidV7(0x0189_abcd_ef01);
    expect(id).toMatch(/^0189abcd-ef01-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts ids of later milliseconds after earlier ones', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((t) => uuidV7(t));
    expect([...ids].sort()).toEqual(ids);
  });
});
