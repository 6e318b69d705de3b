import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * Issue 14.9: package.json said Node 20.19+ while four installed dependencies declared Node 22.
 * Every installed package's `engines.node` must accept the oldest Node our own `engines` allows,
 * and the Node running the tests must be inside our range.
 */
const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

describe('Node engines agree', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('the Node running this is inside package.json engines', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it(`every installed package accepts Node ${oldest}, the oldest package.json allows`, () => {
    const declared = Object.entries(lock.packages).flatMap(([path, p]) => (p.engines && !Array.isArray(p.engines) && p.engines.node ? [{ path, range: p.engines.node }] : []));
    expect(declared.length).toBeGreaterThan(100);
    expect(declared.filter(({ range }) => !semver.satisfies(oldest, range))).toEqual([]);
  });
});
