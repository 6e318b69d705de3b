import fc from 'fast-check';

/** A path a property's random inputs must reach, checked on counters the property updates. */
export interface Requirement {
  readonly what: string;
  readonly met: () => boolean;
}

export const atLeast = (what: string, count: () => number | undefined, minimum: number): Requirement => ({
  what: `${what} ≥ ${minimum}`,
  met: () => (count() ?? 0) >= minimum,
});

export interface CoverageOptions {
  /** Runs per round; each round is one fc.assert (so a failure reports its own seed). */
  readonly numRuns: number;
  /** Rounds before giving up on a requirement: it is then reported as missed. */
  readonly maxRounds?: number;
}

/**
 * Checks a property like fc.assert, then keeps checking it in further rounds of fresh random
 * inputs until every requirement is met (after the first round they usually all are), in the
 * spirit of QuickCheck's checkCoverage: an unseeded run that happens to miss a rare path runs
 * longer instead of failing, while a path the generator can no longer reach still fails.
 * Returns the requirements still missed after the last round.
 */
export function assertCovering<Ts extends [unknown, ...unknown[]]>(
  property: () => fc.IProperty<Ts>,
  requirements: readonly Requirement[],
  options: CoverageOptions,
): string[] {
  const maxRounds = options.maxRounds ?? 5;
  for (let round = 1; ; round += 1) {
    fc.assert(property(), { numRuns: options.numRuns });
    const missed = requirements.filter((r) => !r.met()).map((r) => r.what);
    if (missed.length === 0 || round >= maxRounds) return missed;
  }
}

/** assertCovering for async properties. */
export async function assertCoveringAsync<Ts extends [unknown, ...unknown[]]>(
  property: () => fc.IAsyncProperty<Ts>,
  requirements: readonly Requirement[],
  options: CoverageOptions,
): Promise<string[]> {
  const maxRounds = options.maxRounds ?? 5;
  for (let round = 1; ; round += 1) {
    await fc.assert(property(), { numRuns: options.numRuns });
    const missed = requirements.filter((r) => !r.met()).map((r) => r.what);
    if (missed.length === 0 || round >= maxRounds) return missed;
  }
}
