import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReceiverProcess {
  url: string;
  count(): Promise<number>;
  stop(): void;
}

/** Starts bench/webhooks/receiver.js as a child (on `port`, or any free one) and waits for READY. */
export function startReceiver(port = 0): Promise<ReceiverProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./receiver.js', import.meta.url)), String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /READY (\d+)/.exec(out);
      if (!ready) return;
      const base = `http://127.0.0.1:${ready[1]}`;
      resolve({ url: `${base}/hooks`, count: async () => Number(await (await fetch(`${base}/count`)).text()), stop: () => child.stdin!.end() });
    });
    child.once('exit', (code) => reject(new Error(`receiver exited (${code}) before READY`)));
  });
}
