import { fromKurrentPosition, toKurrentPosition, UnsupportedPositionError } from './kurrentdb-position.js';

describe('KurrentDB position mapping', () => {
  it('maps an implicit-transaction event (commit === prepare) to its commit position', () => {
    expect(fromKurrentPosition({ commit: 4_521n, prepare: 4_521n })).toBe(4_521n);
  });

  it('keeps positions beyond 2^53 exact', () => {
    const big = 2n ** 60n + 7n;
    expect(fromKurrentPosition({ commit: big, prepare: big })).toBe(big);
    expect(toKurrentPosition(big)).toEqual({ commit: big, prepare: big });
  });

  it('refuses a legacy explicit-transaction event, whose commit position other events share', () => {
    expect(() => fromKurrentPosition({ commit: 900n, prepare: 700n })).toThrow(UnsupportedPositionError);
  });

  it('turns a port position back into the exact record position to read from', () => {
    expect(toKurrentPosition(123n)).toEqual({ commit: 123n, prepare: 123n });
    expect(() => toKurrentPosition(-1n)).toThrow(RangeError);
  });
});
