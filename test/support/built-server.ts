import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tests that need the real server as its own process (crash safety, several processes on one
 * database, what the server prints). They run the build in dist/, made once per Jest run: Jest
 * runs spec files in parallel workers, and two compilers writing dist/ at once could hand a
 * server a half-written file, so the build takes a lock and leaves a stamp for the others.
 */
export const root = join(import.meta.dirname, '..', '..');
const lock = join(root, 'dist', '.test-build.lock');
const stamp = join(root, 'dist', '.test-build.stamp');
// Jest's workers share their parent; a run in band is its own parent's only child.
const runId = String(process.ppid);

export async function buildOnce(): Promise<void> {
  const deadline = Date.now() + 180_000;
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === runId) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building; a lock older than the deadline was left by a dead run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build dist/');
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'ignore' });
      writeFileSync(stamp, runId);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Every child is tracked so a failed or timed-out test never leaves a process holding Jest open. */
const children = new Set<ChildProcess>();

export interface BuiltServer {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts a built entry point (relative to the root) and resolves once its output says it is `ready`. */
export function startBuiltProcess(entry: string, env: Record<string, string>, ready: (output: string) => boolean): Promise<BuiltServer> {
  const child = spawn(process.execPath, [join(root, entry)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready(out)) {
        clearInterval(timer);
        resolve({ child, output: () => out });
      } else if (Date.now() - started > 30_000) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`${entry} did not start within 30 s: ${out}`));
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${entry} exited (${code}): ${out}`));
    });
  });
}

/** Starts dist/apps/api/src/main.js and resolves once it listens (and, on a first start, printed its key). */
export function startBuiltServer(env: Record<string, string>, firstStart = false): Promise<BuiltServer> {
  // The first start prints the test key with the banner; wait for both.
  return startBuiltProcess('dist/apps/api/src/main.js', env, (out) => out.includes('Ordo is listening') && (!firstStart || /ordo_test_[A-Za-z0-9]+/.test(out)));
}

/** Starts the projector (dist/apps/projector/src/main.js) and resolves once it runs. */
export function startBuiltProjector(env: Record<string, string>): Promise<BuiltServer> {
  return startBuiltProcess('dist/apps/projector/src/main.js', env, (out) => out.includes('projector started'));
}

/** Runs the administration CLI (dist/apps/api/src/cli.js) to completion and returns its stdout. */
export function runBuiltCli(env: Record<string, string>, ...args: string[]): string {
  return execFileSync(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
}

export const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

export const killAll = () => Promise.all([...children].map(kill));
