import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
}

/** Decides each answer: a status, and optionally how long to wait before giving it. */
export type Answer = (n: number, body: string) => { status: number; delayMs?: number };

/** A real HTTP receiver on loopback that records what it was sent and answers as told. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private server!: Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(public answer: Answer = () => ({ status: 200 })) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const { status, delayMs } = this.answer(this.received.length + 1, body);
        const reply = () => {
          if (res.destroyed) return;
          this.received.push({ headers: req.headers, body, status });
          res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
          this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
        };
        if (delayMs) {
          const timer = setTimeout(() => (this.timers.delete(timer), reply()), delayMs);
          this.timers.add(timer);
        }
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Every answered request's event type, in arrival order. */
  types(): string[] {
    return this.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
  }

  /** Resolves once `count` requests have been answered. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
