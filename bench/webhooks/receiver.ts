/**
 * The bench's webhook receiver, a process of its own: a bare node:http server that reads each
 * body and answers 204. `GET /count` answers how many POSTs it has had. Prints `READY <port>`.
 * Usage: node dist/bench/webhooks/receiver.js [port]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let count = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(String(count));
  req.on('data', () => undefined);
  req.on('end', () => {
    count++;
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
process.stdin.on('end', () => process.exit(0)).resume();
