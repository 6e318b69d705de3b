import fc from 'fast-check';
import { assertCovering, assertCoveringAsync, atLeast } from './coverage.js';

describe('assertCovering', () => {
  it('stops after the first round when every requirement is met', () => {
    let runs = 0;
    const missed = assertCovering(() => fc.property(fc.nat(), () => void runs++), [atLeast('runs', () => runs, 10)], { numRuns: 50 });
    expect(missed).toEqual([]);
    expect(runs).toBe(50);
  });

  it('runs further rounds until a requirement is met', () => {
    let runs = 0;
    const missed = assertCovering(() => fc.property(fc.nat(), () => void runs++), [atLeast('runs', () => runs, 120)], { numRuns: 50 });
    expect(missed).toEqual([]);
    expect(runs).toBe(150);
  });

  it('reports a requirement still missed after the last round', () => {
    let runs = 0;
    const missed = assertCovering(() => fc.property(fc.nat(), () => void runs++), [atLeast('runs', () => runs, 1_000), { what: 'never', met: () => false }], { numRuns: 10, maxRounds: 3 });
    expect(missed).toEqual(['runs ≥ 1000', 'never']);
    expect(runs).toBe(30);
  });

  it('still fails on a counterexample', () => {
    expect(() => assertCovering(() => fc.property(fc.nat(), (n) => n < 0), [], { numRuns: 10 })).toThrow(/Property failed/);
  });

  it('works for async properties', async () => {
    let runs = 0;
    const missed = await assertCoveringAsync(() => fc.asyncProperty(fc.nat(), async () => void runs++), [atLeast('runs', () => runs, 15)], { numRuns: 10 });
    expect(missed).toEqual([]);
    expect(runs).toBe(20);
  });
});
