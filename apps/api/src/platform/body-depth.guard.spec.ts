import { exceedsDepth } from './body-depth.guard.js';

describe('exceedsDepth', () => {
  const arrays = (levels: number): unknown => (levels === 0 ? 1 : [arrays(levels - 1)]);

  it('counts the body itself as the first level', () => {
    expect(exceedsDepth({}, 1)).toBe(false);
    expect(exceedsDepth({ a: {} }, 1)).toBe(true);
  });

  it('allows exactly the limit and refuses one more', () => {
    expect(exceedsDepth(arrays(20), 20)).toBe(false);
    expect(exceedsDepth(arrays(21), 20)).toBe(true);
  });

  it('ignores scalars and null at any position', () => {
    expect(exceedsDepth(null, 1)).toBe(false);
    expect(exceedsDepth('x', 1)).toBe(false);
    expect(exceedsDepth({ a: null, b: 1, c: 'x' }, 1)).toBe(false);
  });

  it('measures a body far deeper than the call stack allows without overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(exceedsDepth(deep, 20)).toBe(true);
  });

  it('looks at every branch, not only the first', () => {
    expect(exceedsDepth({ shallow: 1, deep: arrays(5) }, 5)).toBe(true);
  });
});
