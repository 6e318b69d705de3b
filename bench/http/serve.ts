/**
 * Server-side lifecycle shared by the two bench servers: listen on 127.0.0.1:$PORT (0 = any free
 * port), announce `READY <port> ...` on stdout, and exit cleanly (process.exit, so `--cpu-prof`
 * can write its profile) when the parent closes our stdin or sends SIGTERM/SIGINT.
 */
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

export type Adapter = 'express' | 'fastify';

/** `--adapter=fastify` on argv wins over ORDO_HTTP_ADAPTER; express by default. */
export function adapterFromArgs(argv = process.argv, env = process.env): Adapter {
  const flag = argv.find((a) => a.startsWith('--adapter='))?.slice('--adapter='.length);
  const chosen = flag ?? env.ORDO_HTTP_ADAPTER ?? 'express';
  if (chosen !== 'express' && chosen !== 'fastify') throw new Error(`unknown adapter ${chosen}`);
  return chosen;
}

export async function serve(app: INestApplication, extra: string[] = []): Promise<void> {
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(0), 5_000);
    timer.unref();
    void app.close().finally(() => process.exit(0));
  };
  // The runner holds our stdin open; when it goes away (even killed), so do we.
  if (process.env.BENCH_CHILD === '1') {
    process.stdin.on('end', stop).on('error', stop).resume();
  }
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`READY ${[port, ...extra].join(' ')}\n`);
}
