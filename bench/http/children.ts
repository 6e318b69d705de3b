/**
 * Runner side of the bench servers: each server is a separate node process (the load generator
 * must not share its event loop). Start it, wait for `READY <port> ...`, and always stop it:
 * close its stdin (clean exit), then SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Server {
  name: string;
  url: string;
  /** Words after the port on the READY line. */
  extra: string[];
  /** The server's process id (RSS sampling). */
  pid: number | undefined;
  /** CPU time (user + system) the server process has used so far, in ms; undefined off Linux. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Environment for children: our own, minus anything that would change what is measured. Exported for children that are not bench servers (bench/scale-out's projector). */
export function childEnv(adapter: string, dataDir?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ORDO_') && k !== 'LOG_LEVEL' && k !== 'PORT') env[k] = v;
  return { ...env, PORT: '0', BENCH_CHILD: '1', ORDO_HTTP_ADAPTER: adapter, ...(dataDir ? { ORDO_DATA_DIR: dataDir } : {}) };
}

export async function startServer(
  script: 'hello-server.js' | 'ordo-server.js',
  adapter: string,
  opts: { dataDir?: string; nodeArgs?: string[]; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Server> {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), file, `--adapter=${adapter}`], {
    env: { ...childEnv(adapter, opts.dataDir), ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (live.delete(child), resolve())));
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
  child.stderr!.on('data', keep);
  child.stdout!.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end();
    const gone = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    if (await gone(5_000)) return;
    child.kill('SIGTERM');
    if (await gone(3_000)) return;
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no READY within ${opts.timeoutMs ?? 30_000} ms`)), opts.timeoutMs ?? 30_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const ready = out.split('\n').find((l) => l.startsWith('READY '));
        if (ready) (clearTimeout(timer), resolve(ready));
      });
      child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`exited (${code ?? signal}) before READY`))));
    });
    const [, port, ...extra] = line.trim().split(/\s+/);
    return { name: `${script.replace('-server.js', '')}/${adapter}`, url: `http://127.0.0.1:${port}`, extra, stop, pid: child.pid, cpuMs: () => cpuMsOf(child.pid) };
  } catch (error) {
    await stop();
    // Errors only: pino lines at level ≥ 50 (BENCH_DEBUG=1 runs) and anything that is not JSON.
    const lines = output.trim().split('\n').filter((l) => l && (!l.startsWith('{') || /"level":(5|6)0/.test(l)));
    const tail = lines.slice(-8).join('\n');
    throw new Error(`${script} (${adapter}): ${(error as Error).message}${tail ? `\n${tail}` : ''}`);
  }
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Last resort for SIGINT/exit paths: kill whatever is still running, synchronously. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}
